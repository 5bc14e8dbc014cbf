package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * The client's answer to {@code elicitation/create}.
 *
 * @param action what the user did
 * @param content form mode with {@link Action#ACCEPT}: the submitted values (strings, numbers,
 *     booleans or string arrays) matching the requested schema; otherwise {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 */
public record ElicitResult(Action action, Map<String, Object> content, @JsonProperty("_meta") Map<String, Object> meta) {

    /** The user submitted the form, or agreed to open the URL. */
    public static ElicitResult accept(Map<String, Object> content) {
        return new ElicitResult(Action.ACCEPT, content, null);
    }

    /** The user explicitly declined. */
    public static ElicitResult decline() {
        return new ElicitResult(Action.DECLINE, null, null);
    }

    /** The user dismissed the request without choosing. */
    public static ElicitResult cancel() {
        return new ElicitResult(Action.CANCEL, null, null);
    }

    /** The user's response to an elicitation. */
    public enum Action {
        /** {@code "accept"}: submitted or confirmed. */
        ACCEPT("accept"),
        /** {@code "decline"}: explicitly declined. */
        DECLINE("decline"),
        /** {@code "cancel"}: dismissed without an explicit choice. */
        CANCEL("cancel");

        private final String value;

        Action(String value) {
            this.value = value;
        }

        /** The JSON value. */
        @JsonValue
        public String value() {
            return value;
        }

        /**
         * The action for a JSON value.
         *
         * @throws IllegalArgumentException if {@code value} is not an action
         */
        @JsonCreator
        public static Action fromValue(String value) {
            for (Action action : values()) {
                if (action.value.equals(value)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("unknown elicitation action: " + value);
        }
    }
}

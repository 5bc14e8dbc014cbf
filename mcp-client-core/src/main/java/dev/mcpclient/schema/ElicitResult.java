package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * The client's answer to {@code elicitation/create}.
 *
 * @param action what the user did
 * @param content form mode with {@link Action#ACCEPT}: the submitted values (strings, numbers,
 *     booleans or string arrays) matching the requested schema; otherwise {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
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
    @EnumNaming(EnumNamingStrategies.LowerCamelCaseStrategy.class)
    public enum Action {
        /** {@code "accept"}: submitted or confirmed. */
        ACCEPT,
        /** {@code "decline"}: explicitly declined. */
        DECLINE,
        /** {@code "cancel"}: dismissed without an explicit choice. */
        CANCEL
    }
}

package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the model may use the tools offered in a sampling request (2025-11-25).
 *
 * @param mode the mode, or {@code null} (meaning {@link Mode#AUTO})
 */
public record ToolChoice(Mode mode) {

    /** Whether and how the model uses tools. */
    public enum Mode {
        /** {@code "auto"}: the model decides (the default). */
        AUTO("auto"),
        /** {@code "required"}: the model must use at least one tool. */
        REQUIRED("required"),
        /** {@code "none"}: the model must not use tools. */
        NONE("none");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        /** The JSON value. */
        @JsonValue
        public String value() {
            return value;
        }

        /**
         * The mode for a JSON value.
         *
         * @throws IllegalArgumentException if {@code value} is not a mode
         */
        @JsonCreator
        public static Mode fromValue(String value) {
            for (Mode mode : values()) {
                if (mode.value.equals(value)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown tool choice mode: " + value);
        }
    }
}

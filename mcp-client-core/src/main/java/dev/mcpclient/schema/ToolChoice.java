package dev.mcpclient.schema;

import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * How the model may use the tools offered in a sampling request (2025-11-25).
 *
 * @param mode the mode, or {@code null} (meaning {@link Mode#AUTO})
 * @since 0.2.0
 */
public record ToolChoice(Mode mode) {

    /** Whether and how the model uses tools. */
    @EnumNaming(EnumNamingStrategies.LowerCamelCaseStrategy.class)
    public enum Mode {
        /** {@code "auto"}: the model decides (the default). */
        AUTO,
        /** {@code "required"}: the model must use at least one tool. */
        REQUIRED,
        /** {@code "none"}: the model must not use tools. */
        NONE
    }
}

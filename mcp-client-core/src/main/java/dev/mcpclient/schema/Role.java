package dev.mcpclient.schema;

import tools.jackson.databind.EnumNamingStrategies;
import tools.jackson.databind.annotation.EnumNaming;

/**
 * The sender or recipient of messages and data in a conversation: {@code "user"} or {@code "assistant"}.
 *
 * @since 0.2.0
 */
@EnumNaming(EnumNamingStrategies.LowerCamelCaseStrategy.class)
public enum Role {
    /** {@code "user"}. */
    USER,
    /** {@code "assistant"}. */
    ASSISTANT;
}

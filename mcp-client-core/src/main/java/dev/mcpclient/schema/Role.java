package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The sender or recipient of messages and data in a conversation: {@code "user"} or {@code "assistant"}. */
public enum Role {
    /** {@code "user"}. */
    USER("user"),
    /** {@code "assistant"}. */
    ASSISTANT("assistant");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The JSON value. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The role for a JSON value.
     *
     * @throws IllegalArgumentException if {@code value} is not a role
     */
    @JsonCreator
    public static Role fromValue(String value) {
        for (Role role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role: " + value);
    }
}

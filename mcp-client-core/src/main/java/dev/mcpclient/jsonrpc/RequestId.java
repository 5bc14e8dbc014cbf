package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A JSON-RPC request id: a string or an integer, never {@code null}.
 *
 * <p>The integer {@code 1} and the string {@code "1"} are different ids, as in JSON-RPC.
 *
 * @since 0.2.0
 */
public final class RequestId {

    private final Object value;

    private RequestId(Object value) {
        this.value = value;
    }

    /** An integer id. */
    public static RequestId of(long value) {
        return new RequestId(value);
    }

    /** A string id. */
    public static RequestId of(String value) {
        return new RequestId(Objects.requireNonNull(value, "value"));
    }

    /** The id's value: a {@link Long} or a {@link String}. */
    public Object value() {
        return value;
    }

    /** The id as JSON: a number or a string (also how it is written as a progress token). */
    public JsonNode toJson() {
        return value instanceof Long number ? JsonNodeFactory.instance.numberNode(number)
                : JsonNodeFactory.instance.stringNode((String) value);
    }

    /** Whether this id is a string (otherwise an integer). */
    public boolean isString() {
        return value instanceof String;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestId id && value.equals(id.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return isString() ? "\"" + value + "\"" : value.toString();
    }
}

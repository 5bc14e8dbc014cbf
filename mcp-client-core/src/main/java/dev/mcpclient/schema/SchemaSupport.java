package dev.mcpclient.schema;

import java.math.BigInteger;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Small normalisations shared by the protocol records. */
final class SchemaSupport {

    private SchemaSupport() {
    }

    /** A required list that a sloppy server left out becomes empty. */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A JSON {@code null} read into a {@link JsonNode} field becomes Java {@code null}. */
    static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /**
     * A string-or-number id (request id, progress token): integral numbers become {@link Long}, so
     * that {@code 7} read from JSON equals the {@code 7L} the client sent; strings stay as they are.
     */
    static Object normalizeId(Object id) {
        if (id instanceof Integer || id instanceof Short || id instanceof Byte) {
            return ((Number) id).longValue();
        }
        if (id instanceof BigInteger big && big.bitLength() < 64) {
            return big.longValue();
        }
        return id;
    }
}

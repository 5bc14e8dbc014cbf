package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec shared by the protocol types and the JSON-RPC layer.
 *
 * <p>One immutable {@link JsonMapper}: absent optional fields are omitted when writing, unknown
 * fields are ignored when reading (servers may add fields from newer revisions).
 *
 * @since 0.2.0
 */
public final class McpJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    /** A reader per target type: its root deserializer is found once, not on every conversion. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private McpJson() {
    }

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Converts a protocol object (record, map, list) to a tree; {@code null} stays {@code null}. */
    public static JsonNode toTree(Object value) {
        if (value instanceof tools.jackson.databind.node.POJONode wrapped) {
            return toTree(wrapped.getPojo());
        }
        return value == null ? null : MAPPER.valueToTree(value);
    }

    /**
     * The {@code params} of a message to send: a tree as it is, {@code null} as it is, any other
     * object wrapped (as a {@link tools.jackson.databind.node.POJONode}) to be serialized straight into
     * the message, without building a tree of it first. {@link #toTree} unwraps it when a tree is needed.
     */
    public static JsonNode toParams(Object value) {
        if (value == null || value instanceof JsonNode) {
            return (JsonNode) value;
        }
        return MAPPER.getNodeFactory().pojoNode(value);
    }

    /** Converts a tree to a protocol type. */
    public static <T> T fromTree(JsonNode node, Class<T> type) {
        if (type == CallToolResult.class) {
            CallToolResult common = CommonToolResults.read(node);
            if (common != null) {
                return type.cast(common);
            }
        }
        return READERS.get(type).readValue(node);
    }
}

package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON codec shared by the protocol types and the JSON-RPC layer.
 *
 * <p>One immutable {@link JsonMapper}: absent optional fields are omitted when writing, unknown
 * fields are ignored when reading (servers may add fields from newer revisions).
 */
public final class McpJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl
                    .withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private McpJson() {
    }

    /** The shared mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Converts a protocol object (record, map, list) to a tree; {@code null} stays {@code null}. */
    public static JsonNode toTree(Object value) {
        return value == null ? null : MAPPER.valueToTree(value);
    }

    /** Converts a tree to a protocol type. */
    public static <T> T fromTree(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }
}

package dev.mcpclient.schema;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing through {@link McpJson}, and exact comparison of written JSON. */
final class JsonAssertions {

    /** Parses expected and actual text alike; fails on a repeated key such as a second {@code "type"}. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonAssertions() {
    }

    static <T> T read(String json, Class<T> type) {
        return McpJson.mapper().readValue(json, type);
    }

    static <T> T read(String json, TypeReference<T> type) {
        return McpJson.mapper().readValue(json, type);
    }

    static String write(Object value) {
        return McpJson.mapper().writeValueAsString(value);
    }

    /** A tree of {@code json}, rejecting duplicate keys. */
    static JsonNode strictTree(String json) {
        return STRICT.readTree(json);
    }

    /** Asserts that {@code value} is written as exactly {@code expectedJson} (key order aside), without duplicate keys. */
    static void assertWritesJson(Object value, String expectedJson) {
        String actual = write(value);
        assertThat((Object) strictTree(actual)).as("written as %s", actual).isEqualTo(strictTree(expectedJson));
    }

    static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }
}

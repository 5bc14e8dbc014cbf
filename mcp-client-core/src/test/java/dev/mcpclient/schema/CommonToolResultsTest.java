package dev.mcpclient.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The quick reading of common tool results gives what Jackson's binding gives, and leaves the rest to it. */
class CommonToolResultsTest {

    private static final ObjectReader JACKSON = McpJson.mapper().readerFor(CallToolResult.class);
    private static final JsonNodeFactory NODES = McpJson.mapper().getNodeFactory();

    @Test
    void readsTheCommonShapeItself() {
        JsonNode common = McpJson.mapper().readTree("""
                {"content":[{"type":"text","text":"a"},{"type":"text","text":"b","extra":1}],
                 "isError":false,"structuredContent":{"n":1.5,"s":"x"},"unknown":[1]}
                """);

        CallToolResult result = CommonToolResults.read(common);

        assertThat(result).isNotNull().isEqualTo(JACKSON.readValue(common));
        assertThat(result.content()).containsExactly(new TextContent("a"), new TextContent("b"));
        assertThat(result.structuredContent()).isEqualTo(common.get("structuredContent"));
        assertThat(McpJson.fromTree(common, CallToolResult.class)).isEqualTo(result);
    }

    @Test
    void leavesEveryOtherShapeToJackson() {
        for (String json : List.of(
                "[]",
                "{\"content\":null}",
                "{\"content\":{}}",
                "{\"content\":[\"text\"]}",
                "{\"content\":[{\"text\":\"no type\"}]}",
                "{\"content\":[{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}]}",
                "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"annotations\":{\"priority\":1}}]}",
                "{\"content\":[{\"type\":\"text\",\"text\":\"a\",\"_meta\":{\"k\":1}}]}",
                "{\"content\":[{\"type\":\"text\",\"text\":7}]}",
                "{\"content\":[],\"isError\":\"true\"}",
                "{\"content\":[],\"_meta\":{\"k\":1}}")) {
            JsonNode node = McpJson.mapper().readTree(json);

            assertThat(CommonToolResults.read(node)).as(json).isNull();
        }
        JsonNode image = McpJson.mapper().readTree(
                "{\"content\":[{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}]}");
        assertThat(McpJson.fromTree(image, CallToolResult.class).content()).singleElement().isInstanceOf(ImageContent.class);
    }

    /** Seeded, bounded: random results of every shape read the same through either path. */
    @Test
    void readsRandomResultsAsJacksonDoes() {
        Random random = new Random(20261125L);
        int quick = 0;
        int invalid = 0;
        for (int i = 0; i < 5_000; i++) {
            ObjectNode node = randomResult(random);
            CallToolResult expected;
            try {
                expected = JACKSON.readValue(node);
            } catch (JacksonException e) {
                // Not a result at all: the quick reading leaves it, and the error, to Jackson.
                assertThat(CommonToolResults.read(node)).as(node.toString()).isNull();
                assertThatThrownBy(() -> McpJson.fromTree(node, CallToolResult.class)).isInstanceOf(JacksonException.class);
                invalid++;
                continue;
            }

            CallToolResult read = CommonToolResults.read(node);
            if (read != null) {
                quick++;
                assertThat(read).as(node.toString()).isEqualTo(expected);
            }
            assertThat(McpJson.fromTree(node, CallToolResult.class)).as(node.toString()).isEqualTo(expected);
        }
        // Both paths were exercised.
        assertThat(quick).isBetween(500, 4_500);
        assertThat(invalid).isPositive();
    }

    private static ObjectNode randomResult(Random random) {
        ObjectNode result = NODES.objectNode();
        List<Runnable> properties = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            properties.add(() -> result.set("content", randomContent(random)));
        }
        if (random.nextBoolean()) {
            properties.add(() -> result.set("isError", switch (random.nextInt(6)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.stringNode("true");
                default -> NODES.booleanNode(random.nextBoolean());
            }));
        }
        if (random.nextBoolean()) {
            properties.add(() -> result.set("structuredContent", switch (random.nextInt(4)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.objectNode().put("n", random.nextInt()).put("d", random.nextDouble()).put("s", "x");
                case 2 -> NODES.arrayNode().add(1).add("two").addNull();
                default -> NODES.objectNode().set("nested", NODES.objectNode().put("flag", random.nextBoolean()));
            }));
        }
        if (random.nextInt(8) == 0) {
            properties.add(() -> result.set("_meta", NODES.objectNode().put("vendor/k", 1)));
        }
        if (random.nextInt(4) == 0) {
            properties.add(() -> result.put("unknown" + random.nextInt(3), random.nextInt()));
        }
        java.util.Collections.shuffle(properties, random);
        properties.forEach(Runnable::run);
        return result;
    }

    private static JsonNode randomContent(Random random) {
        if (random.nextInt(20) == 0) {
            return random.nextBoolean() ? NODES.nullNode() : NODES.objectNode();
        }
        ArrayNode blocks = NODES.arrayNode();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            ObjectNode block = NODES.objectNode();
            List<Runnable> properties = new ArrayList<>();
            int kind = random.nextInt(12);
            if (kind == 0) {
                properties.add(() -> block.put("type", "image"));
                properties.add(() -> block.put("data", "AA=="));
                properties.add(() -> block.put("mimeType", "image/png"));
            } else if (kind != 1) {
                properties.add(() -> block.put("type", "text"));
            }
            if (random.nextInt(6) > 0) {
                properties.add(() -> block.set("text", random.nextInt(10) == 0 ? NODES.numberNode(7)
                        : random.nextInt(10) == 0 ? NODES.nullNode() : NODES.stringNode("t" + random.nextInt(100))));
            }
            if (random.nextInt(10) == 0) {
                properties.add(() -> block.set("annotations", NODES.objectNode().put("priority", 0.5)));
            }
            if (random.nextInt(10) == 0) {
                properties.add(() -> block.set("_meta", NODES.objectNode().put("k", 1)));
            }
            if (random.nextInt(5) == 0) {
                properties.add(() -> block.put("extra", true));
            }
            java.util.Collections.shuffle(properties, random);
            properties.forEach(Runnable::run);
            blocks.add(block);
        }
        return blocks;
    }
}

package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.support.Fuzzing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the reading of {@code x-mcp-header} annotations ({@link ToolHeaders}, {@link ToolHeaderWalker})
 * with random schemas: annotations anywhere (on properties, the root, inside {@code anyOf},
 * {@code items}, {@code $defs}, instances), names valid and not (empty, spaces, colons, non-ASCII,
 * duplicates in another case), types of every kind, nesting deep and wide.
 *
 * <p>Reading a schema never throws. A valid one gives declarations whose names are HTTP tokens,
 * unique regardless of case, each found in the schema at its path through {@code properties}; an
 * invalid one gives a reason in printable ASCII that names the keyword, and no declarations. The
 * values of random arguments are exactly the declared ones that hold a string, a boolean or a safe
 * integer, converted as documented. The header encoding of those values is fuzzed by
 * {@code McpHeadersFuzzTest}.
 */
class ToolHeadersFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String KEYWORD = "x-mcp-header";
    private static final List<String> NAMES = List.of("Region", "region", "REGION", "Tenant-Id", "a.b_c~d",
            "!#$%&'*+-.^_`|~", "", " Region", "Region ", "x:y", "tab\there", "r\u00E9gion", "\u4E16", "a/b", "q\"uote",
            "new\nline", "nul\0", "del\u007F");
    private static final List<String> KEYWORDS = List.of("items", "anyOf", "oneOf", "allOf", "not", "$defs",
            "patternProperties", "const", "enum", "default", "examples", "additionalProperties", "x-unknown");
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    @Test
    void randomSchemas() {
        Random random = new Random(Fuzzing.seed());
        int iterations = Fuzzing.iterations();
        int[] kinds = new int[3];
        for (int i = 0; i < iterations; i++) {
            // half the schemas as a careful server writes them, half as anything goes
            ObjectNode schema = random.nextBoolean() ? schema(random, 0) : careful(random, 0, new int[1]);
            schema.put("type", "object");
            schema.remove(KEYWORD);
            kinds[check(schema, random, i)]++;
        }
        // the generator reaches both sides: invalid annotations, and valid ones that give headers
        assertThat(kinds[0]).as("invalid schemas").isGreaterThan(iterations / 20);
        assertThat(kinds[2]).as("valid schemas with headers").isGreaterThan(iterations / 20);
    }

    /**
     * The deepest schema a server can send: Jackson reads at most 500 levels of nesting, i.e. about 250
     * levels of {@code properties}. (The walker recurses; a tree built in code thousands of levels deep
     * would overflow the stack, but none such comes from the wire.)
     */
    @Test
    void theDeepestSchemaJacksonReadsIsWalked() {
        int levels = 249;
        String json = "{\"type\":\"object\",\"properties\":{\"p\":".repeat(levels)
                + "{\"type\":\"string\",\"x-mcp-header\":\"Deep\"}" + "}}".repeat(levels);
        JsonNode schema = dev.mcpclient.schema.McpJson.mapper().readTree(json);
        ToolHeaders headers = ToolHeaders.of(schema);
        assertThat(headers.valid()).isTrue();
        assertThat(headers.declarations()).singleElement().satisfies(d -> assertThat(d.path()).hasSize(levels));
    }

    /** @return 0 when the schema is invalid, 1 when valid without headers, 2 when valid with headers */
    private static int check(ObjectNode schema, Random random, int iteration) {
        ToolHeaders headers = ToolHeaders.of(schema);
        java.util.function.Supplier<String> about = () -> "schema #" + iteration + ": " + schema;
        if (!headers.valid()) {
            assertThat(headers.invalidReason()).as(about).contains(KEYWORD)
                    .matches("[\\x20-\\x7E]+");
            assertThat(headers.declarations()).as(about).isEmpty();
            assertThat(headers.values(arguments(random, List.of()))).as(about).isEmpty();
            return 0;
        }
        Set<String> lowerCase = new HashSet<>();
        for (ToolHeaders.Declaration declaration : headers.declarations()) {
            assertThat(declaration.name()).as(about).matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
            assertThat(lowerCase.add(declaration.name().toLowerCase(Locale.ROOT))).as(() -> about.get() + " unique").isTrue();
            assertThat(declaration.path()).as(about).isNotEmpty();
            JsonNode node = schema;
            for (String name : declaration.path()) {
                node = node.path("properties").path(name);
            }
            assertThat(node.path(KEYWORD).isString() ? node.path(KEYWORD).stringValue() : null).as(about)
                    .isEqualTo(declaration.name());
        }
        ObjectNode arguments = arguments(random, headers.declarations());
        Map<String, String> values = headers.values(arguments);
        List<String> expectedNames = new ArrayList<>();
        for (ToolHeaders.Declaration declaration : headers.declarations()) {
            JsonNode value = arguments;
            for (String name : declaration.path()) {
                value = value == null || !value.isObject() ? null : value.get(name);
            }
            String text = expected(value);
            if (text != null) {
                expectedNames.add(declaration.name());
                assertThat(values.get(declaration.name())).as(() -> about.get() + " arguments " + arguments).isEqualTo(text);
            }
        }
        assertThat(values.keySet()).as(() -> about.get() + " arguments " + arguments).containsExactlyElementsOf(expectedNames);
        return headers.declarations().isEmpty() ? 1 : 2;
    }

    /** The header text of an argument value, written from the class comment of {@link ToolHeaders}. */
    private static String expected(JsonNode value) {
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isNumber()) {
            java.math.BigDecimal number = value.decimalValue();
            if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
                return null;
            }
            java.math.BigInteger integer = number.toBigInteger();
            return integer.abs().compareTo(java.math.BigInteger.valueOf(MAX_SAFE_INTEGER)) <= 0 ? integer.toString() : null;
        }
        return null;
    }

    private static ObjectNode schema(Random random, int depth) {
        ObjectNode schema = NODES.objectNode();
        switch (random.nextInt(9)) {
            case 0, 1 -> schema.put("type", "string");
            case 2 -> schema.put("type", "integer");
            case 3 -> schema.put("type", "boolean");
            case 4 -> schema.put("type", "object");
            case 5 -> schema.put("type", random.nextBoolean() ? "number" : "array");
            case 6 -> schema.set("type", NODES.arrayNode().add(random.nextBoolean() ? "string" : "integer").add("null"));
            case 7 -> schema.set("type", NODES.arrayNode().add("string").add("integer"));
            default -> {
                // no type
            }
        }
        if (random.nextInt(3) == 0) {
            switch (random.nextInt(10)) {
                case 0 -> schema.put(KEYWORD, 42);
                case 1 -> schema.set(KEYWORD, NODES.nullNode());
                default -> schema.put(KEYWORD, random.nextInt(4) == 0
                        ? NAMES.get(random.nextInt(NAMES.size()))
                        : NAMES.get(random.nextInt(6)) + random.nextInt(20));
            }
        }
        if (depth < 4 && random.nextInt(3) > 0) {
            ObjectNode properties = schema.putObject("properties");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String name = random.nextInt(6) == 0 ? pick(random, List.of(KEYWORD, "properties", "p/q", "~", "\u00E9", ""))
                        : "p" + random.nextInt(5);
                properties.set(name, schema(random, depth + 1));
            }
        }
        if (depth < 4 && random.nextInt(6) == 0) {
            String keyword = pick(random, KEYWORDS);
            JsonNode sub = schema(random, depth + 2);
            switch (keyword) {
                case "anyOf", "oneOf", "allOf", "enum", "examples" -> schema.set(keyword, NODES.arrayNode().add(sub));
                case "$defs", "patternProperties" -> schema.set(keyword, NODES.objectNode().set("d", sub));
                default -> schema.set(keyword, sub);
            }
        }
        return schema;
    }

    /** Annotations only on string, integer and boolean properties, with distinct valid names. */
    private static ObjectNode careful(Random random, int depth, int[] counter) {
        ObjectNode schema = NODES.objectNode();
        if (depth < 3 && random.nextInt(3) > 0) {
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                properties.set("p" + i, careful(random, depth + 1, counter));
            }
        } else {
            schema.put("type", pick(random, List.of("string", "integer", "boolean", "number")));
            if (!schema.path("type").stringValue().equals("number") && random.nextBoolean()) {
                schema.put(KEYWORD, pick(random, List.of("Region", "Tenant-Id", "a.b_c~d", "X")) + counter[0]++);
            }
        }
        return schema;
    }

    /** Arguments for the declared paths (values of every kind), plus noise. */
    private static ObjectNode arguments(Random random, List<ToolHeaders.Declaration> declarations) {
        ObjectNode arguments = NODES.objectNode();
        for (ToolHeaders.Declaration declaration : declarations) {
            if (random.nextInt(5) == 0) {
                continue;
            }
            ObjectNode parent = arguments;
            List<String> path = declaration.path();
            for (int i = 0; i < path.size() - 1; i++) {
                JsonNode next = parent.get(path.get(i));
                parent = next instanceof ObjectNode object ? object : parent.putObject(path.get(i));
            }
            parent.set(path.get(path.size() - 1), value(random));
        }
        arguments.put("noise", 1);
        return arguments;
    }

    private static JsonNode value(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.stringNode(Fuzzing.randomText(random));
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(random.nextBoolean() ? MAX_SAFE_INTEGER : -MAX_SAFE_INTEGER);
            case 4 -> NODES.numberNode(MAX_SAFE_INTEGER + 1);
            case 5 -> NODES.numberNode(42.0);
            case 6 -> NODES.numberNode(0.5);
            case 7 -> NODES.numberNode(new java.math.BigDecimal("1E+2"));
            case 8 -> NODES.numberNode(new java.math.BigDecimal("7.000"));
            case 9 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 10 -> NODES.nullNode();
            case 11 -> NODES.objectNode();
            case 12 -> NODES.numberNode(-0.0);
            default -> NODES.arrayNode().add(1);
        };
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}

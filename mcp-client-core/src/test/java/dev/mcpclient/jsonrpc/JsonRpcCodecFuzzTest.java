package dev.mcpclient.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.Fuzzing;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes {@link JsonRpcCodec}.
 *
 * <p>Decoding any bytes either gives messages or fails with {@link McpProtocolException} and a short,
 * non-empty message; never another exception (no {@code NullPointerException}, {@code ClassCastException},
 * Jackson's own exceptions or {@code StackOverflowError}). What it gives encodes to bytes that decode to
 * the same messages. Random valid messages survive encode then decode unchanged.
 *
 * <p>{@link #seededMutations}, {@link #seededStructuralMutations} and {@link #roundTripOfRandomMessages}
 * run in every build; {@link #jazzer} only under {@code JAZZER_FUZZ=1}.
 */
class JsonRpcCodecFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The longest message an error may have: Jackson's report plus the codec's excerpt of the input. */
    private static final int LONGEST_ERROR_MESSAGE = 2_000;

    @Test
    void seededMutations() {
        List<byte[]> corpus = Fuzzing.corpus("jsonrpc");
        assertThat(Fuzzing.run("jsonrpc", corpus, Fuzzing.iterations(), Fuzzing.seed(), JsonRpcCodecFuzzTest::check))
                .isGreaterThan(corpus.size());
    }

    /** Valid messages with one part replaced by a random value: what byte flips rarely reach. */
    @Test
    void seededStructuralMutations() {
        Random random = new Random(Fuzzing.seed());
        int iterations = Fuzzing.iterations();
        assertThat(Fuzzing.guarded("jsonrpc-structural", Fuzzing.seed(), iterations, index -> {
            ObjectNode tree = JsonRpcCodec.toTree(randomMessage(random));
            JsonNode mutated = mutateTree(random, tree, 0);
            return McpJson.mapper().writeValueAsBytes(random.nextInt(5) == 0 ? NODES.arrayNode().add(mutated) : mutated);
        }, JsonRpcCodecFuzzTest::check)).isEqualTo(iterations);
    }

    @Test
    void roundTripOfRandomMessages() {
        Random random = new Random(Fuzzing.seed());
        int iterations = Fuzzing.iterations();
        for (int i = 0; i < iterations; i++) {
            JsonRpcMessage message = randomMessage(random);
            byte[] encoded = JsonRpcCodec.encode(message);
            assertThat(JsonRpcCodec.decode(encoded)).as("message #%d: %s", i, message).containsExactly(message);
        }
    }

    @FuzzTest(maxDuration = "5m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    void jazzer(byte[] input) {
        check(input);
    }

    /** The properties, for one input. */
    static void check(byte[] input) {
        List<JsonRpcMessage> messages;
        try {
            messages = JsonRpcCodec.decode(input);
        } catch (McpProtocolException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(LONGEST_ERROR_MESSAGE);
            return;
        }
        assertThat(messages).isNotNull().doesNotContainNull();
        for (JsonRpcMessage message : messages) {
            // What the client read, written again (as a relay or a log would), reads back the same. A
            // number too large for a double (1e400) is the one change: it is read as Infinity, written as
            // the string "Infinity"; from there on it is stable.
            byte[] again = JsonRpcCodec.encode(message);
            List<JsonRpcMessage> reread = JsonRpcCodec.decode(again);
            assertThat(reread).hasSize(1);
            assertThat(JsonRpcCodec.encode(reread.get(0))).isEqualTo(again);
            if (!new String(again, java.nio.charset.StandardCharsets.UTF_8).contains("Infinity")) {
                assertThat(reread.get(0)).isEqualTo(message);
            }
        }
    }

    static JsonRpcMessage randomMessage(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new JsonRpcRequest(randomId(random), Fuzzing.randomText(random), random.nextBoolean() ? null : randomContainer(random, 0));
            case 1 -> new JsonRpcNotification(Fuzzing.randomText(random), random.nextBoolean() ? null : randomContainer(random, 0));
            case 2 -> JsonRpcResponse.result(randomId(random), randomNode(random, 0));
            default -> JsonRpcResponse.error(randomId(random), new JsonRpcError(random.nextInt(), Fuzzing.randomText(random),
                    random.nextBoolean() ? null : randomNode(random, 0)));
        };
    }

    private static RequestId randomId(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> RequestId.of(random.nextLong());
            case 1 -> RequestId.of(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            case 2 -> RequestId.of(random.nextInt(10));
            default -> RequestId.of(Fuzzing.randomText(random));
        };
    }

    /**
     * A property name: like {@link Fuzzing#randomText} without lone surrogates. Jackson (3.1) writes a lone
     * surrogate as a {@code \\u} escape, but its reader rejects one in a property name (in a value it
     * accepts it); the codec then reports a {@link McpProtocolException}, which {@link #check} covers.
     */
    private static String randomName(Random random) {
        String text = Fuzzing.randomText(random);
        StringBuilder name = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                name.append(c).append(text.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static JsonNode randomContainer(Random random, int depth) {
        return random.nextBoolean() ? randomObject(random, depth) : randomArray(random, depth);
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        int size = random.nextInt(depth > 4 ? 2 : 5);
        for (int i = 0; i < size; i++) {
            object.set(randomName(random), randomNode(random, depth + 1));
        }
        return object;
    }

    private static ArrayNode randomArray(Random random, int depth) {
        ArrayNode array = NODES.arrayNode();
        int size = random.nextInt(depth > 4 ? 2 : 5);
        for (int i = 0; i < size; i++) {
            array.add(randomNode(random, depth + 1));
        }
        return array;
    }

    /** A JSON value as the parser would give it back (an int as an int node, a long as a long node...). */
    static JsonNode randomNode(Random random, int depth) {
        return switch (random.nextInt(depth > 6 ? 8 : 10)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode((random.nextBoolean() ? 1 : -1) * ((random.nextLong() >>> 2) | (1L << 40)));
            case 4 -> NODES.numberNode(new BigInteger(64 + random.nextInt(100), random).add(BigInteger.valueOf(Long.MAX_VALUE)).add(BigInteger.ONE));
            case 5 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) + 0.5);
            case 6, 7 -> NODES.stringNode(Fuzzing.randomText(random));
            case 8 -> randomObject(random, depth);
            default -> randomArray(random, depth);
        };
    }

    /** The tree with, now and then, a member removed or replaced by a random value, at any depth. */
    private static JsonNode mutateTree(Random random, JsonNode node, int depth) {
        if (node instanceof ObjectNode object && object.size() > 0) {
            List<String> names = object.propertyNames().stream().toList();
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(depth == 0 ? 5 : 3)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, oddValue(random));
                case 2 -> object.set(name, mutateTree(random, object.get(name), depth + 1));
                case 3 -> object.set(random.nextBoolean() ? "result" : "error", oddValue(random));
                default -> object.set(name, NODES.objectNode().set("code", oddValue(random)));
            }
        }
        return node;
    }

    /** Values that break the envelope's expectations: wrong types, numbers at and past the limits. */
    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(1L << 40);
            case 2 -> NODES.numberNode(new BigInteger("99999999999999999999999"));
            case 3 -> NODES.numberNode(1.5);
            case 4 -> NODES.numberNode(2.0);
            case 5 -> NODES.stringNode("2.0");
            case 6 -> NODES.arrayNode();
            case 7 -> NODES.objectNode();
            case 8 -> NODES.numberNode(Integer.MIN_VALUE);
            case 9 -> NODES.numberNode(Long.MIN_VALUE);
            case 10 -> NODES.booleanNode(true);
            default -> randomNode(random, 3);
        };
    }
}

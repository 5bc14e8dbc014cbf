package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpclient.support.Fuzzing;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes the header value encoding of {@code Mcp-Name} and {@code Mcp-Param-*} ({@link McpHeaders#encodeValue}).
 *
 * <p>For any text: the header value is printable ASCII (0x20-0x7E, no tab, no control character) and
 * neither starts nor ends with a space; decoding it as the specification says (Base64 of strict UTF-8
 * between {@code =?base64?} and {@code ?=}, else the value itself) gives the text back, lone surrogates
 * turned into U+FFFD since UTF-8 cannot carry them; a value left plain is the same instance.
 *
 * <p>Every input is tried as UTF-8 text and as UTF-16 code units (which reach lone surrogates).
 * {@link #seededMutations} and {@link #seededRandomText} run in every build; {@link #jazzer} only under
 * {@code JAZZER_FUZZ=1}.
 */
class McpHeadersFuzzTest {

    private static final String PREFIX = "=?base64?";
    private static final String SUFFIX = "?=";

    @Test
    void seededMutations() {
        List<byte[]> corpus = Fuzzing.corpus("header");
        assertThat(Fuzzing.run("header", corpus, Fuzzing.iterations(), Fuzzing.seed(), McpHeadersFuzzTest::check))
                .isGreaterThan(corpus.size());
    }

    @Test
    void seededRandomText() {
        Random random = new Random(Fuzzing.seed());
        int iterations = Fuzzing.iterations();
        for (int i = 0; i < iterations; i++) {
            checkValue(Fuzzing.randomText(random));
        }
        assertThat(iterations).isPositive();
    }

    @FuzzTest(maxDuration = "5m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    void jazzer(byte[] input) {
        check(input);
    }

    static void check(byte[] input) {
        checkValue(new String(input, StandardCharsets.UTF_8));
        checkValue(new String(input, StandardCharsets.UTF_16BE));
        char[] units = new char[input.length / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) ((input[2 * i] & 0xFF) << 8 | input[2 * i + 1] & 0xFF); // lone surrogates kept
        }
        checkValue(new String(units));
    }

    static void checkValue(String value) {
        String header = McpHeaders.encodeValue(value);
        assertThat(header.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)).as("printable ASCII: %s", header).isTrue();
        if (!header.isEmpty()) {
            assertThat(header).doesNotStartWith(" ").doesNotEndWith(" ");
        }
        if (!header.startsWith(PREFIX)) {
            assertThat(header).isSameAs(value);
        }
        assertThat(decode(header)).as("decoded %s", header).isEqualTo(wellFormed(value));
    }

    /** A server's reading of the header value, per the specification's Value Encoding. */
    private static String decode(String header) {
        if (header.length() >= PREFIX.length() + SUFFIX.length() && header.startsWith(PREFIX) && header.endsWith(SUFFIX)) {
            byte[] bytes = Base64.getDecoder().decode(header.substring(PREFIX.length(), header.length() - SUFFIX.length()));
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new AssertionError("not UTF-8 inside " + header, e);
            }
        }
        return header;
    }

    /** {@code value} with each lone surrogate as U+FFFD. */
    private static String wellFormed(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> out.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
        return out.toString();
    }
}

package dev.mcpclient.internal.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.support.Fuzzing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Fuzzes {@link SseDecoder} against a reference model written straight from the WHATWG rules.
 *
 * <p>For every input, with a limit drawn from the input: decoding it whole agrees with the model (the
 * same events, or a {@link McpProtocolException} exactly when a line or an event's data exceeds the
 * limit); decoding it in random chunks, heap or direct, and for short inputs one byte at a time, gives
 * the same as decoding it whole; no other exception escapes; no event is larger than the limit.
 *
 * <p>{@link #seededMutations} runs in every build; {@link #jazzer} only under {@code JAZZER_FUZZ=1}
 * (see docs/reliability.md).
 */
class SseDecoderFuzzTest {

    private static final int[] LIMITS = {1, 8, 32, 256, 4096, 1 << 20};

    @Test
    void seededMutations() {
        List<byte[]> corpus = Fuzzing.corpus("sse");
        int checked = Fuzzing.run("sse", corpus, Fuzzing.iterations(), Fuzzing.seed(), SseDecoderFuzzTest::check);
        assertThat(checked).isGreaterThan(corpus.size());
    }

    @FuzzTest(maxDuration = "5m")
    @EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
    void jazzer(byte[] input) {
        check(input);
    }

    @Test
    void theModelSeesWhatTheDecoderIsDocumentedToDo() {
        byte[] stream = "\uFEFFid: 1\r\nretry: 10\nevent: x\rdata: a\ndata\n:c\n\nid\n\ndata: b"
                .getBytes(StandardCharsets.UTF_8);
        Outcome model = Reference.decode(stream, 1024);
        assertThat(model.events).containsExactly(new SseEvent("1", "x", "a\n", 10L), new SseEvent("", "message", "", null));
        assertThat(model.discarded).isTrue();
        assertThat(Reference.decode("data: 12345\n".getBytes(StandardCharsets.UTF_8), 4).failed).isTrue();
    }

    /** The properties, for one input. */
    static void check(byte[] input) {
        Random random = new Random(Arrays.hashCode(input));
        int limit = LIMITS[random.nextInt(LIMITS.length)];
        Outcome expected = Reference.decode(input, limit);

        Outcome whole = decodeInChunks(input, limit, new int[] {input.length}, false);
        assertThat(whole).as("whole, limit %d", limit).isEqualTo(expected);
        for (SseEvent event : whole.events) {
            assertThat(event.data().length()).isLessThanOrEqualTo(limit);
            assertThat(event.event().length()).isLessThanOrEqualTo(limit);
            if (event.lastEventId() != null) {
                assertThat(event.lastEventId().length()).isLessThanOrEqualTo(limit);
            }
        }
        for (int round = 0; round < 3; round++) {
            int[] chunks = randomChunks(random, input.length);
            boolean direct = round == 1;
            assertThat(decodeInChunks(input, limit, chunks, direct))
                    .as("chunks %s, %s, limit %d", Arrays.toString(chunks), direct ? "direct" : "heap", limit)
                    .isEqualTo(expected);
        }
        if (input.length <= 256) {
            int[] ones = new int[input.length];
            Arrays.fill(ones, 1);
            assertThat(decodeInChunks(input, limit, ones, false)).as("byte by byte, limit %d", limit).isEqualTo(expected);
        }
    }

    private static int[] randomChunks(Random random, int length) {
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size = Math.min(left, random.nextInt(4) == 0 ? random.nextInt(3) : 1 + random.nextInt(Math.max(1, left)));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What the decoder makes of {@code input} cut into {@code chunks} (sizes adding up to its length). */
    private static Outcome decodeInChunks(byte[] input, int limit, int[] chunks, boolean direct) {
        SseDecoder decoder = new SseDecoder(limit);
        List<SseEvent> events = new ArrayList<>();
        int off = 0;
        try {
            for (int size : chunks) {
                if (direct) {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(size);
                    buffer.put(input, off, size).flip();
                    events.addAll(decoder.decode(buffer));
                    assertThat(buffer.hasRemaining()).isFalse();
                } else {
                    events.addAll(decoder.decode(input, off, size));
                }
                off += size;
            }
        } catch (McpProtocolException e) {
            assertThat(e.getMessage()).contains(Integer.toString(limit));
            return Outcome.FAILED;
        }
        return new Outcome(events, decoder.finish(), false);
    }

    /** What decoding gives: the events and whether {@code finish()} discarded something, or a failure. */
    record Outcome(List<SseEvent> events, boolean discarded, boolean failed) {
        static final Outcome FAILED = new Outcome(List.of(), false, true);
    }

    /**
     * The model: the WHATWG "event stream interpretation", written for clarity, not speed. The text is
     * decoded as a whole, as a browser does, then cut into lines; the limits are checked on the raw
     * bytes, separately.
     */
    static final class Reference {

        static Outcome decode(byte[] input, int limit) {
            if (exceedsLimit(input, limit)) {
                return Outcome.FAILED;
            }
            String text = new String(input, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> lines = new ArrayList<>();
            int start = 0;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n') {
                    lines.add(text.substring(start, i));
                    i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                    start = i;
                } else {
                    i++;
                }
            }
            boolean unterminated = start < text.length();

            List<SseEvent> events = new ArrayList<>();
            StringBuilder data = new StringBuilder();
            boolean hasData = false;
            String type = "";
            Long retry = null;
            String lastId = null;
            boolean fields = false;
            for (String line : lines) {
                if (line.isEmpty()) {
                    if (fields) {
                        events.add(new SseEvent(lastId, type.isEmpty() ? "message" : type,
                                hasData ? data.substring(0, data.length() - 1) : "", retry));
                    }
                    data.setLength(0);
                    hasData = false;
                    type = "";
                    retry = null;
                    fields = false;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (name) {
                    case "data" -> {
                        data.append(value).append('\n');
                        hasData = true;
                        fields = true;
                    }
                    case "event" -> {
                        type = value;
                        fields = true;
                    }
                    case "id" -> {
                        if (value.indexOf('\0') < 0) {
                            lastId = value;
                            fields = true;
                        }
                    }
                    case "retry" -> {
                        if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                            java.math.BigInteger number = new java.math.BigInteger(value);
                            retry = number.bitLength() < 64 ? number.longValue() : Long.MAX_VALUE;
                            fields = true;
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Outcome(events, unterminated || fields, false);
        }

        /** Whether a raw line (with its BOM, if first) or the raw data of one block is longer than the limit. */
        private static boolean exceedsLimit(byte[] input, int limit) {
            long dataBytes = 0;
            int dataLines = 0;
            int start = 0;
            boolean first = true;
            for (int i = 0; i <= input.length; i++) {
                boolean end = i == input.length;
                if (!end && input[i] != '\r' && input[i] != '\n') {
                    continue;
                }
                if (i - start > limit) {
                    return true;
                }
                if (end) {
                    break; // an unterminated last line counts for the line limit only
                }
                int from = start;
                if (first && i - start >= 3 && (input[start] & 0xFF) == 0xEF && (input[start + 1] & 0xFF) == 0xBB
                        && (input[start + 2] & 0xFF) == 0xBF) {
                    from += 3;
                }
                first = false;
                if (from == i) {
                    dataBytes = 0;
                    dataLines = 0;
                } else if (isDataField(input, from, i)) {
                    int value = from + 4;
                    if (value < i && input[value] == ':') {
                        value++;
                        if (value < i && input[value] == ' ') {
                            value++;
                        }
                    }
                    dataBytes += (dataLines == 0 ? 0 : 1) + (i - value);
                    dataLines++;
                    if (dataBytes > limit) {
                        return true;
                    }
                }
                if (input[i] == '\r' && i + 1 < input.length && input[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
            return false;
        }

        private static boolean isDataField(byte[] input, int from, int to) {
            return to - from >= 4 && input[from] == 'd' && input[from + 1] == 'a' && input[from + 2] == 't'
                    && input[from + 3] == 'a' && (to - from == 4 || input[from + 4] == ':');
        }
    }
}

package dev.mcpclient.internal.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunk boundaries must never change what a stream decodes to. */
class SseDecoderSplitTest {

    private static final String RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"café à 5 €\"}}";
    private static final String NOTIFICATION_LINE_1 = "{\"jsonrpc\":\"2.0\",";
    private static final String NOTIFICATION_LINE_2 = "\"method\":\"notifications/message\",";
    private static final String NOTIFICATION_LINE_3 = "\"params\":{\"data\":\"done 😀\"}}";

    private static final byte[] STREAM = stream();

    private static final List<SseEvent> EXPECTED = List.of(
            new SseEvent("0", "message", "", 3000L),
            new SseEvent("1", "message", RESULT, null),
            new SseEvent("2", "message",
                    NOTIFICATION_LINE_1 + "\n" + NOTIFICATION_LINE_2 + "\n" + NOTIFICATION_LINE_3, null));

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = "id: 0\r\nretry: 3000\r\n\r\n"
                + ": keep-alive\r\n\r\n"
                + "id: 1\r\nevent: message\r\ndata: " + RESULT + "\r\n\r\n"
                + "id: 2\r\n"
                + "data: " + NOTIFICATION_LINE_1 + "\r\n"
                + "data: " + NOTIFICATION_LINE_2 + "\r\n"
                + "data: " + NOTIFICATION_LINE_3 + "\r\n"
                + "\r\n"
                + "data: cut off";
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @BeforeAll
    static void wholeStreamDecodesToTheExpectedEvents() {
        SseDecoder decoder = new SseDecoder(1024);
        assertThat(decoder.decode(STREAM, 0, STREAM.length)).containsExactlyElementsOf(EXPECTED);
        assertThat(decoder.finish()).isTrue();
    }

    @Test
    void splitInTwoAtEveryPosition() {
        for (int i = 0; i <= STREAM.length; i++) {
            SseDecoder decoder = new SseDecoder(1024);
            List<SseEvent> events = new ArrayList<>(decoder.decode(STREAM, 0, i));
            events.addAll(decoder.decode(STREAM, i, STREAM.length - i));
            assertThat(events).as("split at %d", i).containsExactlyElementsOf(EXPECTED);
            assertThat(decoder.finish()).isTrue();
        }
    }

    @Test
    void oneByteAtATime() {
        SseDecoder decoder = new SseDecoder(1024);
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < STREAM.length; i++) {
            events.addAll(decoder.decode(STREAM, i, 1));
        }
        assertThat(events).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void randomChunksOfHeapAndDirectBuffers() {
        Random random = new Random(20250611L);
        for (int iteration = 0; iteration < 500; iteration++) {
            SseDecoder decoder = new SseDecoder(1024);
            List<SseEvent> events = new ArrayList<>();
            int position = 0;
            while (position < STREAM.length) {
                int size = Math.min(random.nextInt(24), STREAM.length - position);
                events.addAll(decoder.decode(chunk(position, size, random.nextBoolean())));
                position += size;
            }
            assertThat(events).as("iteration %d", iteration).containsExactlyElementsOf(EXPECTED);
        }
    }

    private static ByteBuffer chunk(int position, int size, boolean direct) {
        if (!direct) {
            return ByteBuffer.wrap(STREAM, position, size);
        }
        return ByteBuffer.allocateDirect(size).put(STREAM, position, size).flip();
    }
}

package dev.mcpclient.internal.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    private static final int LIMIT = 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    // --- line ends

    @Test
    void lfEndsLines() {
        assertThat(decode("data: a\ndata: b\n\n")).containsExactly(message("a\nb"));
    }

    @Test
    void crEndsLines() {
        assertThat(decode("data: a\rdata: b\r\r")).containsExactly(message("a\nb"));
    }

    @Test
    void crlfEndsLines() {
        assertThat(decode("data: a\r\ndata: b\r\n\r\n")).containsExactly(message("a\nb"));
    }

    @Test
    void mixedLineEnds() {
        assertThat(decode("data: a\rdata: b\ndata: c\r\n\ndata: d\r\r"))
                .containsExactly(message("a\nb\nc"), message("d"));
    }

    @Test
    void crAtEndOfChunkAndLfAtStartOfNextAreOneLineEnd() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\r")).isEmpty();
        assertThat(feed(decoder, "\ndata: b\n\n")).containsExactly(message("a\nb"));
    }

    @Test
    void crAtEndOfChunkThenEmptyChunkThenLfIsOneLineEnd() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\r")).isEmpty();
        assertThat(decoder.decode(new byte[0], 0, 0)).isEmpty();
        assertThat(feed(decoder, "\ndata: b\n\n")).containsExactly(message("a\nb"));
    }

    @Test
    void crAtEndOfChunkThenCrIsTwoLineEnds() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\r")).isEmpty();
        assertThat(feed(decoder, "\rdata: b\n\n")).containsExactly(message("a"), message("b"));
    }

    // --- fields

    @Test
    void multiLineDataIsJoinedWithLf() {
        assertThat(decode("data: {\ndata: \"a\": 1\ndata: }\n\n")).containsExactly(message("{\n\"a\": 1\n}"));
    }

    @Test
    void emptyDataLinesKeepTheirLf() {
        assertThat(decode("data\ndata\ndata: x\n\n")).containsExactly(message("\n\nx"));
    }

    @Test
    void commentLinesAreIgnored() {
        assertThat(decode(": hello\ndata: a\n:data: b\n\n")).containsExactly(message("a"));
    }

    @Test
    void leadingBomIsSkipped() {
        assertThat(decode(concat(BOM, bytes("event: ping\ndata: x\n\n"))))
                .containsExactly(new SseEvent(null, "ping", "x", null));
    }

    @Test
    void leadingBomSplitAcrossChunksIsSkipped() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(decoder.decode(new byte[] {BOM[0]}, 0, 1)).isEmpty();
        assertThat(decoder.decode(new byte[] {BOM[1], BOM[2], 'i', 'd'}, 0, 4)).isEmpty();
        assertThat(feed(decoder, ": 5\n\n")).containsExactly(new SseEvent("5", "message", "", null));
    }

    @Test
    void onlyOneLeadingBomIsSkipped() {
        // the second BOM becomes part of the field name "\uFEFFdata", an unknown field
        assertThat(decode(concat(BOM, BOM, bytes("data: x\n\n")))).isEmpty();
    }

    @Test
    void bomAfterTheStartIsKept() {
        assertThat(decode("data: \uFEFFx\n\n")).containsExactly(message("\uFEFFx"));
        assertThat(decode(concat(bytes("data: a\n"), BOM, bytes("data: b\n\n")))).containsExactly(message("a"));
    }

    @Test
    void lineWithoutColonIsAFieldWithEmptyValue() {
        assertThat(decode("id: 3\nevent: update\ndata: a\n\nid\nevent\ndata\n\n"))
                .containsExactly(new SseEvent("3", "update", "a", null), new SseEvent("", "message", "", null));
    }

    @Test
    void oneLeadingSpaceIsRemovedFromTheValue() {
        assertThat(decode("data:x\n\n")).containsExactly(message("x"));
        assertThat(decode("data: x\n\n")).containsExactly(message("x"));
        assertThat(decode("data:  x\n\n")).containsExactly(message(" x"));
        assertThat(decode("data:\tx \n\n")).containsExactly(message("\tx "));
    }

    @Test
    void onlyTheFirstColonSeparatesNameAndValue() {
        assertThat(decode("data: a: b:c\n\n")).containsExactly(message("a: b:c"));
    }

    @Test
    void fieldNamesAreCaseSensitiveAndUnknownFieldsAreIgnored() {
        assertThat(decode("Data: a\nfoo: b\ndata : c\ndata: d\n\n")).containsExactly(message("d"));
    }

    @Test
    void eventSetsTheTypeForOneEventOnly() {
        assertThat(decode("event: update\ndata: a\n\ndata: b\n\n"))
                .containsExactly(new SseEvent(null, "update", "a", null), message("b"));
    }

    @Test
    void lastEventTypeLineWins() {
        assertThat(decode("event: a\nevent: b\ndata: x\n\n")).containsExactly(new SseEvent(null, "b", "x", null));
    }

    @Test
    void lastEventIdPersistsAcrossEvents() {
        assertThat(decode("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n"))
                .containsExactly(new SseEvent("7", "message", "a", null), new SseEvent("7", "message", "b", null),
                        new SseEvent("8", "message", "c", null));
    }

    @Test
    void emptyIdResetsTheLastEventIdToEmptyString() {
        assertThat(decode("id: 7\ndata: a\n\nid:\ndata: b\n\n"))
                .containsExactly(new SseEvent("7", "message", "a", null), new SseEvent("", "message", "b", null));
    }

    @Test
    void idContainingNulIsIgnored() {
        assertThat(decode("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n"))
                .containsExactly(new SseEvent("1", "message", "a", null), new SseEvent("1", "message", "b", null));
    }

    @Test
    void idContainingOnlyNulDoesNotMakeAPrimingEvent() {
        assertThat(decode("id: \u0000\n\n")).isEmpty();
    }

    @Test
    void retryWithDigitsSetsTheReconnectionTimeOfItsBlock() {
        assertThat(decode("retry: 3000\ndata: a\n\ndata: b\n\n"))
                .containsExactly(new SseEvent(null, "message", "a", 3000L), message("b"));
    }

    @Test
    void retryWithNonDigitsIsIgnored() {
        assertThat(decode("retry: 12a\ndata: a\n\n")).containsExactly(message("a"));
        assertThat(decode("retry: -5\ndata: a\n\n")).containsExactly(message("a"));
        assertThat(decode("retry:  5\ndata: a\n\n")).containsExactly(message("a"));
        assertThat(decode("retry: 1.5\ndata: a\n\n")).containsExactly(message("a"));
        assertThat(decode("retry:\ndata: a\n\n")).containsExactly(message("a"));
    }

    @Test
    void invalidRetryAloneMakesNoEvent() {
        assertThat(decode("retry: soon\n\n")).isEmpty();
    }

    @Test
    void retryTooLargeForALongSaturates() {
        assertThat(decode("retry: 99999999999999999999999\ndata: a\n\n"))
                .containsExactly(new SseEvent(null, "message", "a", Long.MAX_VALUE));
    }

    // --- dispatch

    @Test
    void primingEventWithIdAndNoDataIsEmittedWithEmptyData() {
        List<SseEvent> events = decode("id: 42\n\n");
        assertThat(events).containsExactly(new SseEvent("42", "message", "", null));
        assertThat(events.get(0).hasData()).isFalse();
    }

    @Test
    void primingEventWithIdAndRetryIsEmitted() {
        assertThat(decode("id: 0\nretry: 3000\n\n")).containsExactly(new SseEvent("0", "message", "", 3000L));
    }

    @Test
    void primingEventWithEmptyDataLineIsEmitted() {
        assertThat(decode("id: 1\ndata:\n\n")).containsExactly(new SseEvent("1", "message", "", null));
    }

    @Test
    void eventTypeAloneIsEmittedWithEmptyData() {
        assertThat(decode("event: ping\n\n")).containsExactly(new SseEvent(null, "ping", "", null));
    }

    @Test
    void blankLinesWithoutFieldsEmitNothing() {
        assertThat(decode("\n\r\n\r\n")).isEmpty();
        assertThat(decode(": keep-alive\n\n")).isEmpty();
        assertThat(decode("foo: bar\n\n")).isEmpty();
    }

    @Test
    void lastEventIdOfAnEarlierBlockIsReportedByAPrimingEventWithoutId() {
        assertThat(decode("id: 9\ndata: a\n\nretry: 10\n\n"))
                .containsExactly(new SseEvent("9", "message", "a", null), new SseEvent("9", "message", "", 10L));
    }

    @Test
    void incompleteEventAtEndIsDiscarded() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\n\ndata: b\n")).containsExactly(message("a"));
        assertThat(decoder.finish()).isTrue();
    }

    @Test
    void unterminatedLastLineIsDiscarded() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\n\ndata: b")).containsExactly(message("a"));
        assertThat(decoder.finish()).isTrue();
    }

    @Test
    void finishAfterACompleteEventDiscardsNothing() {
        SseDecoder decoder = new SseDecoder(LIMIT);
        assertThat(feed(decoder, "data: a\n\n")).containsExactly(message("a"));
        assertThat(decoder.finish()).isFalse();
    }

    // --- UTF-8

    @Test
    void multiByteCharactersSplitAcrossChunksAreDecoded() {
        byte[] stream = bytes("data: é€😀\n\n");
        for (int i = 0; i <= stream.length; i++) {
            SseDecoder decoder = new SseDecoder(LIMIT);
            List<SseEvent> events = new ArrayList<>(decoder.decode(stream, 0, i));
            events.addAll(decoder.decode(stream, i, stream.length - i));
            assertThat(events).as("split at %d", i).containsExactly(message("é€😀"));
        }
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() {
        byte[] stream = concat(bytes("data: a"), new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) 0x82}, bytes("b\n\n"));
        assertThat(decode(stream)).containsExactly(message("a\uFFFD\uFFFDb"));
    }

    // --- ByteBuffer input

    @Test
    void heapByteBufferWithOffsetIsReadFromItsPositionAndConsumed() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("xxdata: a\n\nyy"), 2, 9).slice();
        assertThat(new SseDecoder(LIMIT).decode(buffer)).containsExactly(message("a"));
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void directAndReadOnlyByteBuffersAreDecoded() {
        byte[] stream = bytes("data: " + "é".repeat(10_000) + "\n\n");
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        assertThat(new SseDecoder(100_000).decode(direct)).containsExactly(message("é".repeat(10_000)));
        assertThat(direct.hasRemaining()).isFalse();

        ByteBuffer readOnly = ByteBuffer.wrap(stream).asReadOnlyBuffer();
        assertThat(new SseDecoder(100_000).decode(readOnly)).containsExactly(message("é".repeat(10_000)));
        assertThat(readOnly.hasRemaining()).isFalse();
    }

    @Test
    void byteArrayRangeIsChecked() {
        assertThatThrownBy(() -> new SseDecoder(LIMIT).decode(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    // --- limits

    @Test
    void lineAtTheLimitIsAccepted() {
        assertThat(decode(new SseDecoder(10), "data: 1234\n\n")).containsExactly(message("1234"));
    }

    @Test
    void lineOverTheLimitFails() {
        assertThatThrownBy(() -> decode(new SseDecoder(10), "data: 12345\n\n"))
                .isInstanceOf(McpProtocolException.class)
                .hasMessage("SSE line longer than 10 bytes");
    }

    @Test
    void endlessLineInSmallChunksFailsOnceOverTheLimit() {
        SseDecoder decoder = new SseDecoder(100);
        byte[] x = {'x'};
        for (int i = 0; i < 100; i++) {
            assertThat(decoder.decode(x, 0, 1)).isEmpty();
        }
        assertThatThrownBy(() -> decoder.decode(x, 0, 1))
                .isInstanceOf(McpProtocolException.class)
                .hasMessage("SSE line longer than 100 bytes");
    }

    @Test
    void eventDataAtTheLimitIsAccepted() {
        // 5 + LF + 4 = 10 bytes of data
        assertThat(decode(new SseDecoder(10), "data:12345\ndata:6789\n\n")).containsExactly(message("12345\n6789"));
    }

    @Test
    void eventDataOverTheLimitFails() {
        assertThatThrownBy(() -> decode(new SseDecoder(10), "data:12345\ndata:67890\n\n"))
                .isInstanceOf(McpProtocolException.class)
                .hasMessage("SSE event larger than 10 bytes");
    }

    @Test
    void dataLimitAppliesPerEvent() {
        assertThat(decode(new SseDecoder(10), "data:12345\n\ndata:67890\n\n"))
                .containsExactly(message("12345"), message("67890"));
    }

    @Test
    void nonPositiveLimitIsRejected() {
        assertThatThrownBy(() -> new SseDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers

    private static SseEvent message(String data) {
        return new SseEvent(null, "message", data, null);
    }

    private static List<SseEvent> decode(String stream) {
        return decode(bytes(stream));
    }

    private static List<SseEvent> decode(byte[] stream) {
        return new SseDecoder(LIMIT).decode(stream, 0, stream.length);
    }

    private static List<SseEvent> decode(SseDecoder decoder, String stream) {
        return decoder.decode(ByteBuffer.wrap(bytes(stream)));
    }

    private static List<SseEvent> feed(SseDecoder decoder, String chunk) {
        byte[] bytes = bytes(chunk);
        return decoder.decode(bytes, 0, bytes.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

package dev.mcpclient.internal.eventstream;

import dev.mcpclient.McpProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the bytes of one {@code text/event-stream} into {@link SseEvent}s, following the WHATWG HTML
 * "event stream interpretation" rules.
 *
 * <p>Feed the body in whatever chunks it arrives with {@link #decode(ByteBuffer)}; each call returns
 * the events those bytes completed. Chunk boundaries do not matter: a line, a CRLF pair or a
 * multi-byte UTF-8 character may be split anywhere. Call {@link #finish()} at the end of the stream.
 *
 * <p>What the decoder does, per the standard:
 * <ul>
 *   <li>one UTF-8 byte order mark at the very start of the stream is skipped;
 *   <li>lines end with CR, LF or CRLF; each complete line is decoded as UTF-8, invalid bytes
 *       becoming U+FFFD;
 *   <li>a line starting with {@code :} is a comment and is ignored;
 *   <li>{@code name:value} sets a field, one space after the colon being dropped from the value; a
 *       line without a colon names a field with an empty value;
 *   <li>{@code data} appends the value and an LF to the data buffer; {@code event} sets the event
 *       type; {@code id} sets the last event id unless the value contains U+0000 (an empty value is
 *       kept as {@code ""}, which means the server reset the id); {@code retry} sets the
 *       reconnection time if the value is one or more ASCII digits (a number too large for a
 *       {@code long} becomes {@link Long#MAX_VALUE}); any other field is ignored;
 *   <li>an empty line dispatches the block: the data loses its final LF, the type defaults to
 *       {@code "message"}; data and type are then reset, the last event id persists;
 *   <li>an incomplete block at the end of the stream is discarded.
 * </ul>
 *
 * <p><b>Deviation from browsers, on purpose:</b> a browser dispatches nothing when the data buffer
 * is empty. This decoder also reports such a block, with empty data, when it set at least one field
 * ({@code data}, {@code event}, a valid {@code id} or a valid {@code retry}), so that a priming event
 * (an id and maybe a retry, without data) reaches the client. An empty line after nothing but
 * comments, unknown or ignored fields yields nothing.
 *
 * <p>Limits: a line, and the data of one event, may not exceed {@code maxEventBytes} bytes; beyond
 * that {@link #decode} throws {@link McpProtocolException}. The line limit is checked as bytes
 * arrive, so a line that never ends fails as soon as it is too long. After a failure the stream is
 * broken: discard the decoder (events completed earlier in the failing chunk are not returned).
 *
 * <p>Stateful and not thread-safe: use one instance per stream, from one thread at a time.
 */
public final class SseDecoder {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ID = ascii("id");
    private static final byte[] RETRY = ascii("retry");
    private static final int INITIAL_LINE_CAPACITY = 256;
    private static final int KEPT_CAPACITY = 64 * 1024;
    private static final int SCRATCH_SIZE = 8 * 1024;
    private static final int MIN_SCRATCH_SIZE = 512;

    private final int maxEventBytes;

    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private boolean firstLine = true;
    private boolean skipLf;
    private byte[] scratch;

    private final StringBuilder data = new StringBuilder();
    private String firstData;
    private int dataLines;
    private long dataBytes;
    private String eventType = "";
    private Long retry;
    private boolean blockHasFields;
    private String lastEventId;

    /**
     * Creates a decoder for one stream.
     *
     * @param maxEventBytes the most bytes one line, and the data of one event, may take
     * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
     */
    public SseDecoder(int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Feeds the remaining bytes of {@code chunk}; on return its position is at its limit.
     *
     * @param chunk the next bytes of the stream, heap or direct
     * @return the events these bytes completed, in stream order; empty if none
     * @throws McpProtocolException if a line or an event's data exceeds the limit
     */
    public List<SseEvent> decode(ByteBuffer chunk) {
        List<SseEvent> events = new ArrayList<>(2);
        if (chunk.hasArray()) {
            feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining(), events);
            chunk.position(chunk.limit());
            return events;
        }
        // Sized to the chunks seen (up to SCRATCH_SIZE): a decoder per response stream that sees one
        // small event would otherwise allocate the whole scratch for it.
        int wanted = Math.min(chunk.remaining(), SCRATCH_SIZE);
        if (scratch == null || scratch.length < wanted) {
            scratch = new byte[Math.min(SCRATCH_SIZE, Math.max(MIN_SCRATCH_SIZE, Integer.highestOneBit(wanted - 1) << 1))];
        }
        while (chunk.hasRemaining()) {
            int n = Math.min(chunk.remaining(), scratch.length);
            chunk.get(scratch, 0, n);
            feed(scratch, 0, n, events);
        }
        return events;
    }

    /**
     * Feeds {@code len} bytes of {@code bytes} starting at {@code off}.
     *
     * @param bytes holds the next bytes of the stream
     * @param off where they start
     * @param len how many there are
     * @return the events these bytes completed, in stream order; empty if none
     * @throws McpProtocolException if a line or an event's data exceeds the limit
     * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
     */
    public List<SseEvent> decode(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        List<SseEvent> events = new ArrayList<>(2);
        feed(bytes, off, len, events);
        return events;
    }

    /**
     * Ends the stream. As the standard requires, an incomplete event (no empty line after it) and
     * an unterminated last line are discarded, not dispatched. The decoder is not meant to be fed
     * after this.
     *
     * @return whether something incomplete was discarded
     */
    public boolean finish() {
        boolean discarded = lineLength > 0 || blockHasFields;
        lineLength = 0;
        skipLf = false;
        resetBlock();
        return discarded;
    }

    private void feed(byte[] bytes, int off, int len, List<SseEvent> events) {
        int end = off + len;
        int i = off;
        if (skipLf && i < end) {
            skipLf = false;
            if (bytes[i] == LF) {
                i++;
            }
        }
        while (i < end) {
            int start = i;
            while (i < end && bytes[i] != CR && bytes[i] != LF) {
                i++;
            }
            int lineEnd = i;
            boolean whole = lineLength == 0 && i < end;
            if (whole) {
                // The whole line is in this chunk (the common case): read it where it is, no copy.
                if (lineEnd - start > maxEventBytes) {
                    throw new McpProtocolException("SSE line longer than " + maxEventBytes + " bytes");
                }
            } else {
                appendToLine(bytes, start, i - start);
            }
            if (i == end) {
                return;
            }
            byte terminator = bytes[i++];
            if (terminator == CR) {
                if (i == end) {
                    skipLf = true;
                } else if (bytes[i] == LF) {
                    i++;
                }
            }
            if (whole) {
                processLine(bytes, start, lineEnd, events);
            } else {
                int length = lineLength;
                lineLength = 0;
                processLine(line, 0, length, events);
                if (line.length > KEPT_CAPACITY) {
                    line = new byte[INITIAL_LINE_CAPACITY];
                }
            }
        }
    }

    private void appendToLine(byte[] bytes, int off, int len) {
        if (len == 0) {
            return;
        }
        long needed = (long) lineLength + len;
        if (needed > maxEventBytes) {
            throw new McpProtocolException("SSE line longer than " + maxEventBytes + " bytes");
        }
        if (needed > line.length) {
            int capacity = (int) Math.min(Math.max(2L * line.length, needed), maxEventBytes);
            byte[] grown = new byte[capacity];
            System.arraycopy(line, 0, grown, 0, lineLength);
            line = grown;
        }
        System.arraycopy(bytes, off, line, lineLength, len);
        lineLength = (int) needed;
    }

    /** Handles one line, {@code buf[from, to)}, without its terminator. */
    private void processLine(byte[] buf, int from, int to, List<SseEvent> events) {
        int start = from;
        if (firstLine) {
            firstLine = false;
            if (regionEquals(buf, from, to, BOM)) {
                start += BOM.length;
            }
        }
        if (start == to) {
            dispatch(events);
        } else if (buf[start] != COLON) {
            int colon = indexOf(buf, COLON, start, to);
            int nameEnd = colon < 0 ? to : colon;
            int valueStart = colon < 0 ? to : colon + 1;
            if (valueStart < to && buf[valueStart] == SPACE) {
                valueStart++;
            }
            field(buf, start, nameEnd, valueStart, to);
        }
    }

    /* Colon and space are ASCII, which UTF-8 never uses inside a multi-byte sequence, so decoding the
     * value on its own gives the same text as decoding the whole line and splitting it. */
    private void field(byte[] buf, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int nameLength = nameEnd - nameStart;
        int valueLength = valueEnd - valueStart;
        if (nameLength == DATA.length && regionEquals(buf, nameStart, nameEnd, DATA)) {
            dataBytes += (dataLines == 0 ? 0 : 1) + valueLength;
            if (dataBytes > maxEventBytes) {
                throw new McpProtocolException("SSE event larger than " + maxEventBytes + " bytes");
            }
            String value = text(buf, valueStart, valueEnd);
            if (dataLines == 0) {
                // Most events have one data line: kept as it is, copied into the builder only if a second comes.
                firstData = value;
            } else {
                if (dataLines == 1) {
                    data.append(firstData);
                }
                data.append('\n').append(value);
            }
            dataLines++;
            blockHasFields = true;
        } else if (nameLength == EVENT.length && regionEquals(buf, nameStart, nameEnd, EVENT)) {
            eventType = text(buf, valueStart, valueEnd);
            blockHasFields = true;
        } else if (nameLength == ID.length && regionEquals(buf, nameStart, nameEnd, ID)) {
            if (indexOf(buf, (byte) 0, valueStart, valueEnd) < 0) {
                lastEventId = text(buf, valueStart, valueEnd);
                blockHasFields = true;
            }
        } else if (nameLength == RETRY.length && regionEquals(buf, nameStart, nameEnd, RETRY)) {
            if (valueLength > 0 && allDigits(buf, valueStart, valueEnd)) {
                retry = parseSaturated(buf, valueStart, valueEnd);
                blockHasFields = true;
            }
        }
    }

    private void dispatch(List<SseEvent> events) {
        if (blockHasFields) {
            String text = dataLines == 0 ? "" : dataLines == 1 ? firstData : data.toString();
            events.add(new SseEvent(lastEventId, eventType.isEmpty() ? "message" : eventType, text, retry));
        }
        resetBlock();
    }

    private void resetBlock() {
        data.setLength(0);
        firstData = null;
        dataLines = 0;
        if (data.capacity() > KEPT_CAPACITY) {
            data.trimToSize();
        }
        dataBytes = 0;
        eventType = "";
        retry = null;
        blockHasFields = false;
    }

    private static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(byte[] buf, int from, int to, byte[] expected) {
        if (to - from < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseSaturated(byte[] buf, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = buf[i] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.mcpclient.transport.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads LF-terminated lines from a stream, keeping at most a bound of each line in memory: the rest
 * of a longer line is read and dropped, and the line is marked truncated. A CR before the LF is
 * removed. Not thread-safe: one reader thread owns it.
 */
final class LineReader {

    /**
     * One line.
     *
     * @param bytes the line without its terminator, at most the bound
     * @param length the line's full length in bytes
     * @param truncated whether the line was longer than the bound
     */
    record Line(byte[] bytes, long length, boolean truncated) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or {@code null} at the end of the stream. A last line without LF is returned as is. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long length = 0;
        boolean truncated = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
                if (read <= 0) {
                    position = limit = 0;
                    return any ? finish(line, length, truncated) : null;
                }
                position = 0;
                limit = read;
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int count = end - position;
            length += count;
            if (!truncated) {
                int room = maxLineBytes - line.size();
                if (count <= room) {
                    line.write(buffer, position, count);
                } else {
                    line.write(buffer, position, room);
                    truncated = true;
                }
            }
            position = end;
            if (end < limit) {
                position++; // the LF
                return finish(line, length, truncated);
            }
        }
    }

    private static Line finish(ByteArrayOutputStream line, long length, boolean truncated) {
        byte[] bytes = line.toByteArray();
        if (!truncated && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
            length--;
        }
        return new Line(bytes, length, truncated);
    }
}

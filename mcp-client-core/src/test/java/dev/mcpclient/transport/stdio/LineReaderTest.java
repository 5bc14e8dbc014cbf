package dev.mcpclient.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static String text(LineReader.Line line) {
        return new String(line.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnLfRemovesCrAndReturnsALastLineWithoutLf() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream("a\r\nbb\n\nccc".getBytes(StandardCharsets.UTF_8)), 100);
        assertThat(text(reader.next())).isEqualTo("a");
        assertThat(text(reader.next())).isEqualTo("bb");
        assertThat(text(reader.next())).isEmpty();
        assertThat(text(reader.next())).isEqualTo("ccc");
        assertThat(reader.next()).isNull();
    }

    @Test
    void keepsOnlyTheBoundOfALongLineAndReadsOnAfterIt() throws IOException {
        String longLine = "x".repeat(20_000);
        LineReader reader = new LineReader(new ByteArrayInputStream((longLine + "\nnext\n").getBytes(StandardCharsets.UTF_8)), 10);
        LineReader.Line first = reader.next();
        assertThat(first.truncated()).isTrue();
        assertThat(first.length()).isEqualTo(20_000);
        assertThat(text(first)).isEqualTo("xxxxxxxxxx");
        LineReader.Line second = reader.next();
        assertThat(second.truncated()).isFalse();
        assertThat(text(second)).isEqualTo("next");
    }

    @Test
    void linesSplitAcrossReadsAtAnyByteAreJoined() throws IOException {
        byte[] bytes = "{\"é\":1}\n{\"b\":2}\r\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        LineReader reader = new LineReader(oneByteAtATime, 100);
        assertThat(text(reader.next())).isEqualTo("{\"é\":1}");
        assertThat(text(reader.next())).isEqualTo("{\"b\":2}");
        assertThat(reader.next()).isNull();
    }
}

package dev.mcpclient.internal.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct buffers go through a scratch array sized to the chunks seen: any mix of sizes decodes alike. */
class SseDecoderDirectBufferTest {

    @Test
    void chunksOfGrowingAndShrinkingSizesDecodeLikeOneHeapBuffer() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            stream.append("id: ").append(i).append("\ndata: ").append("é".repeat(i * 37)).append("\n\n");
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        List<SseEvent> expected = new SseDecoder(1 << 20).decode(ByteBuffer.wrap(bytes));

        SseDecoder decoder = new SseDecoder(1 << 20);
        List<SseEvent> actual = new ArrayList<>();
        int[] sizes = {1, 7, 300, 513, 2, 9000, 64, 20_000, 1024, 3};
        int off = 0;
        for (int i = 0; off < bytes.length; i++) {
            int n = Math.min(sizes[i % sizes.length], bytes.length - off);
            ByteBuffer direct = ByteBuffer.allocateDirect(n);
            direct.put(bytes, off, n).flip();
            actual.addAll(decoder.decode(direct));
            assertThat(direct.hasRemaining()).isFalse();
            off += n;
        }

        assertThat(actual).hasSize(50).isEqualTo(expected);
    }
}

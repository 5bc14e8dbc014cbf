package dev.mcpclient.internal.eventstream;

import dev.mcpclient.McpProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/** Decodes a reactive {@code text/event-stream} body with an {@link SseDecoder}. */
public final class SseStreams {

    private SseStreams() {
    }

    /**
     * Decodes a response body into events, in order.
     *
     * <p>Every {@link DataBuffer} the body emits is released exactly once: right after it is
     * decoded, or, if it is still queued upstream when the result is cancelled or fails, through the
     * discard hook. One buffer is asked for at a time, and the next only once the events of the one
     * before were taken: a consumer that takes its events slowly (or stops for a while) thus holds back
     * the body too, and a Reactor Netty body then stops reading its connection. A buffer is decoded as it
     * arrives, and its events emitted within that same signal while the consumer asks for them. Each
     * subscription uses a fresh decoder; as the standard requires, an incomplete event at the end of the
     * body is dropped.
     *
     * @param body the raw body; its errors are propagated unchanged
     * @param maxEventBytes the limit on one line and on one event's data, in bytes; exceeding it
     *     fails the result with {@link McpProtocolException}
     * @return the events of the body
     * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
     */
    public static Flux<SseEvent> decode(Flux<DataBuffer> body, int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        return Flux.defer(() -> {
                    SseDecoder decoder = new SseDecoder(maxEventBytes);
                    // Eager on purpose: each buffer is decoded and released the moment it arrives, and its
                    // events are emitted within that same signal (while the consumer asks). A consumer that
                    // cancels while handling an event (the response it waited for arrived) thus cancels
                    // before the HTTP client could have finished the exchange and handed the connection to
                    // another request; a late cancel would close a connection that is no longer ours.
                    // hide(): no fusion, so a cancelled result does not drain and decode the rest of a
                    // synchronous body while discarding it. Prefetch 1: one buffer's events at a time, so
                    // the consumer's pace reaches the body (an unbounded prefetch would read it all).
                    return body.map(buffer -> decodeAndRelease(decoder, buffer))
                            .hide()
                            .concatMapIterable(events -> events, 1);
                })
                .doOnDiscard(DataBuffer.class, DataBufferUtils::release);
    }

    private static List<SseEvent> decodeAndRelease(SseDecoder decoder, DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
            List<SseEvent> events = new ArrayList<>(2);
            while (chunks.hasNext()) {
                events.addAll(decoder.decode(chunks.next()));
            }
            return events;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}

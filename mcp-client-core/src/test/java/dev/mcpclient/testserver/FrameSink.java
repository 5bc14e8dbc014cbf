package dev.mcpclient.testserver;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * An SSE stream that a test writes from several threads, e.g. a handler and the handlers of the
 * client's answers (an answer can arrive while the write that carried its request is still in the
 * sink): its writes are serialized, where a bare unicast sink would drop the overlapping one
 * ({@code FAIL_NON_SERIALIZED}) and leave a call waiting for nothing.
 */
public final class FrameSink {

    private final Sinks.Many<SseFrame> sink = Sinks.many().unicast().onBackpressureBuffer();

    /** Writes a frame; what the sink answered (a failure once the client has gone). */
    public synchronized Sinks.EmitResult next(SseFrame frame) {
        return sink.tryEmitNext(frame);
    }

    /** Ends the stream; what the sink answered. */
    public synchronized Sinks.EmitResult complete() {
        return sink.tryEmitComplete();
    }

    /** The frames, for {@link Reply#sse}. */
    public Flux<SseFrame> flux() {
        return sink.asFlux();
    }
}

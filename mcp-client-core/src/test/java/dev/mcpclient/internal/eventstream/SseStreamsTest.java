package dev.mcpclient.internal.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpProtocolException;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.core.io.buffer.PooledDataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SseStreamsTest {

    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<PooledDataBuffer> allocated = new ArrayList<>();

    @Test
    void decodesChunksInOrderAndReleasesEveryBuffer() {
        Flux<DataBuffer> body = Flux.just("id: 1\r\nretry: 500\r", "\n\r\ndata: {\"a\":", "\"é\"}\r\n\r\nda", "ta: b\n\n")
                .map(this::buffer);

        StepVerifier.create(SseStreams.decode(body, 1024))
                .expectNext(new SseEvent("1", "message", "", 500L))
                .expectNext(new SseEvent("1", "message", "{\"a\":\"é\"}", null))
                .expectNext(new SseEvent("1", "message", "b", null))
                .verifyComplete();

        assertThat(allocated).hasSize(4);
        assertAllReleased();
    }

    @Test
    void incompleteEventAtEndIsDropped() {
        Flux<DataBuffer> body = Flux.just("data: a\n\n", "data: b\n").map(this::buffer);

        StepVerifier.create(SseStreams.decode(body, 1024))
                .expectNext(new SseEvent(null, "message", "a", null))
                .verifyComplete();

        assertAllReleased();
    }

    @Test
    void cancellationReleasesBuffersStillQueuedUpstream() {
        Sinks.Many<DataBuffer> sink = Sinks.many().unicast().onBackpressureBuffer();
        for (int i = 0; i < 5; i++) {
            sink.tryEmitNext(buffer("data: " + i + "\n\n")).orThrow();
        }

        StepVerifier.create(SseStreams.decode(sink.asFlux(), 1024), 0)
                .thenRequest(1)
                .expectNext(new SseEvent(null, "message", "0", null))
                .thenCancel()
                .verify();

        assertThat(allocated).hasSize(5);
        assertAllReleased();
    }

    @Test
    void cancellationStopsRequestingBuffers() {
        Flux<DataBuffer> body = Flux.range(0, 100).map(i -> buffer("data: " + i + "\n\n"));

        StepVerifier.create(SseStreams.decode(body, 1024).take(2))
                .expectNext(new SseEvent(null, "message", "0", null), new SseEvent(null, "message", "1", null))
                .verifyComplete();

        assertThat(allocated).hasSizeLessThanOrEqualTo(3);
        assertAllReleased();
    }

    @Test
    void aConsumerThatTakesItsEventsSlowlyHoldsBackTheBody() {
        List<Long> requested = new ArrayList<>();
        Flux<DataBuffer> body = Flux.range(0, 100).map(i -> buffer("data: " + i + "\n\ndata: " + i + "b\n\n"))
                .doOnRequest(requested::add);

        StepVerifier.create(SseStreams.decode(body, 1024), 0)
                .thenRequest(3)
                .expectNext(new SseEvent(null, "message", "0", null), new SseEvent(null, "message", "0b", null),
                        new SseEvent(null, "message", "1", null))
                .thenCancel()
                .verify();

        // Two buffers brought the three events; at most one more was asked for ahead (a Reactor Netty body
        // stops reading its connection once what was asked for arrived), never the whole body.
        assertThat(requested).allMatch(n -> n == 1);
        assertThat(requested.size()).isBetween(2, 3);
        assertAllReleased();
    }

    @Test
    void limitViolationFailsTheFluxAndReleasesEveryBuffer() {
        Sinks.Many<DataBuffer> sink = Sinks.many().unicast().onBackpressureBuffer();
        sink.tryEmitNext(buffer("data: ok\n\n")).orThrow();
        sink.tryEmitNext(buffer("data: " + "x".repeat(20))).orThrow();
        sink.tryEmitNext(buffer("data: never\n\n")).orThrow();
        sink.tryEmitNext(buffer("data: never\n\n")).orThrow();

        StepVerifier.create(SseStreams.decode(sink.asFlux(), 16))
                .expectNext(new SseEvent(null, "message", "ok", null))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(McpProtocolException.class)
                        .hasMessage("SSE line longer than 16 bytes"))
                .verify();

        assertThat(allocated).hasSize(4);
        assertAllReleased();
    }

    @Test
    void upstreamErrorIsPropagatedUnchanged() {
        IllegalStateException boom = new IllegalStateException("connection reset");
        Flux<DataBuffer> body = Flux.concat(Flux.just("data: a\n\ndata: b").map(this::buffer), Flux.error(boom));

        StepVerifier.create(SseStreams.decode(body, 1024))
                .expectNext(new SseEvent(null, "message", "a", null))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(boom))
                .verify();

        assertAllReleased();
    }

    @Test
    void eachSubscriptionDecodesWithAFreshDecoder() {
        Flux<DataBuffer> body = Flux.defer(() -> Flux.just("id: 1\ndata: a\n\ndata: b").map(this::buffer));
        Flux<SseEvent> events = SseStreams.decode(body, 1024);

        StepVerifier.create(events).expectNext(new SseEvent("1", "message", "a", null)).verifyComplete();
        StepVerifier.create(events).expectNext(new SseEvent("1", "message", "a", null)).verifyComplete();

        assertThat(allocated).hasSize(2);
        assertAllReleased();
    }

    private DataBuffer buffer(String text) {
        DataBuffer buffer = factory.wrap(text.getBytes(StandardCharsets.UTF_8));
        allocated.add((PooledDataBuffer) buffer);
        return buffer;
    }

    private void assertAllReleased() {
        assertThat(allocated).isNotEmpty().allSatisfy(b -> assertThat(b.isAllocated()).as("released").isFalse());
    }
}

package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.core.io.buffer.PooledDataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The pace of an event stream ({@link JsonRpcEventReader}): after the server's request or notification,
 * while the receiver does not accept more, nothing more is asked of the body (so Reactor Netty stops
 * reading); responses are never held back; a stream cancelled while it waits asks for what is queued
 * before it cancels, and every buffer is released.
 */
class JsonRpcEventReaderTest {

    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<PooledDataBuffer> allocated = new ArrayList<>();
    private final List<JsonRpcMessage> delivered = new CopyOnWriteArrayList<>();
    private final ResumableEventStream stream = new ResumableEventStream("the test stream", ReconnectPolicy.DEFAULT,
            false, false, new LongAdder());

    /** Accepts while fewer than {@code room} messages were delivered; the test lets the paused stream go on. */
    private final class Receiver implements InboundFlow {
        volatile int room;
        final AtomicReference<Runnable> paused = new AtomicReference<>();

        Receiver(int room) {
            this.room = room;
        }

        @Override
        public boolean accepting() {
            return delivered.size() < room;
        }

        @Override
        public void whenAccepting(Runnable resume) {
            assertThat(paused.getAndSet(resume)).as("one pause at a time").isNull();
        }

        void more(int messages) {
            room += messages;
            paused.getAndSet(null).run();
        }
    }

    private static String notification(int i) {
        return "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"n\":" + i + "}}\n\n";
    }

    private static String response(int id) {
        return "data: {\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}\n\n";
    }

    private DataBuffer buffer(String text) {
        DataBuffer buffer = factory.wrap(text.getBytes(StandardCharsets.UTF_8));
        allocated.add((PooledDataBuffer) buffer);
        return buffer;
    }

    @Test
    void whileTheReceiverIsFullNothingMoreIsAskedOfTheBodyAndTheRestComesWhenThereIsRoom() {
        List<Long> requested = new CopyOnWriteArrayList<>();
        Flux<DataBuffer> body = Flux.range(0, 100).map(i -> buffer(notification(i))).doOnRequest(requested::add);
        Receiver receiver = new Receiver(10);
        Sinks.Empty<Void> done = Sinks.empty();

        JsonRpcEventReader.read(body, 1024, stream, delivered::add, null, receiver)
                .subscribe(null, done::tryEmitError, done::tryEmitEmpty);

        assertThat(delivered).hasSize(10);
        assertThat(receiver.paused).as("the stream waits").doesNotHaveNullValue();
        assertThat(requested).as("asked of the body: one buffer at a time, at most one ahead")
                .allMatch(n -> n == 1).hasSizeBetween(10, 11);

        receiver.more(1_000);

        assertThat(delivered).hasSize(100);
        assertThat(done.asMono().toFuture()).isCompleted();
        assertThat(allocated).hasSize(100).allSatisfy(b -> assertThat(b.isAllocated()).as("released").isFalse());
    }

    @Test
    void responsesAreNeverHeldBack() {
        Flux<DataBuffer> body = Flux.just(notification(0), response(1), response(2), notification(3), response(4))
                .map(this::buffer);
        Receiver receiver = new Receiver(0);

        JsonRpcEventReader.read(body, 1024, stream, delivered::add, null, receiver).subscribe();

        // Full from the start: the notification goes in, then the stream waits; the responses behind it wait
        // for it, in order, but a response never makes the stream wait by itself.
        assertThat(delivered).singleElement().isInstanceOf(JsonRpcNotification.class);
        receiver.more(1);
        assertThat(delivered).hasSize(4).last().isInstanceOf(JsonRpcNotification.class);
        receiver.more(1);
        assertThat(delivered).hasSize(5).last().isInstanceOf(JsonRpcResponse.class);
    }

    @Test
    void aStreamCancelledWhileItWaitsAsksForWhatIsQueuedBeforeItCancelsAndReleasesEveryBuffer() {
        List<String> signals = new CopyOnWriteArrayList<>();
        Sinks.Many<DataBuffer> queued = Sinks.many().unicast().onBackpressureBuffer();
        for (int i = 0; i < 5; i++) {
            queued.tryEmitNext(buffer(notification(i))).orThrow();
        }
        Flux<DataBuffer> body = queued.asFlux()
                .doOnRequest(n -> signals.add("request " + n))
                .doOnCancel(() -> signals.add("cancel"));
        Receiver receiver = new Receiver(1);

        Disposable reading = JsonRpcEventReader.read(body, 1024, stream, delivered::add, null, receiver).subscribe();
        assertThat(delivered).hasSize(1);
        assertThat(signals).as("the first buffer and one ahead").containsExactly("request 1", "request 1");

        reading.dispose();

        // Every queued buffer was asked for (and dropped) before the cancellation reached the body: a Reactor
        // Netty body cancelled with buffers queued closes its connection even when it went back to the pool.
        assertThat(signals).last().isEqualTo("cancel");
        assertThat(signals.subList(0, signals.size() - 1)).containsOnly("request 1").hasSizeGreaterThanOrEqualTo(5);
        assertThat(delivered).as("nothing delivered once cancelled").hasSize(1);
        assertThat(allocated).hasSize(5).allSatisfy(b -> assertThat(b.isAllocated()).as("released").isFalse());
    }
}

package dev.mcpclient.transport.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs HTTP exchanges so that cancelling one is safe for the connection pool.
 *
 * <p>Cancelling a {@code WebClient} exchange before its response headers arrived marks it cancelled
 * but lets the response finish; the connection then goes back to the pool, and the cancelled exchange
 * can still close it afterwards, under the next request that took it (seen as "connection
 * prematurely closed" on an unrelated call). So a cancellation here never reaches an exchange that is
 * waiting for headers: it waits for them (bounded by a deadline) and then ends the exchange while it
 * still owns its connection. An exchange whose own stream already delivered what it was for may
 * instead finish by itself (the server ends it right after), so its connection is reused, not closed.
 * Errors after a cancellation are observed and logged at debug level, never dropped unobserved.
 */
final class Exchanges {

    private static final Logger log = LoggerFactory.getLogger(Exchanges.class);

    /** How long a cancelled exchange may wait for its headers or finish by itself. */
    static final Duration CANCEL_DEADLINE = Duration.ofSeconds(2);

    private Exchanges() {
    }

    /**
     * @param request the request, ready to send
     * @param handler reads the response; not called for an exchange cancelled before its headers
     * @param finishAfterCancel whether a cancelled exchange whose headers arrived may run to its end
     * @param what a description for log lines
     */
    static <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, Function<ClientResponse, Mono<T>> handler,
            BooleanSupplier finishAfterCancel, String what) {
        return Mono.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicBoolean headers = new AtomicBoolean();
            // Ends a running handler from the inside: its body subscription is cancelled (the connection
            // is closed while still this exchange's), and WebClient's own cancel path is never taken.
            Sinks.One<Boolean> stop = Sinks.one(); // a value: takeUntilOther ignores a bare completion
            Disposable.Swap deadline = Disposables.swap();
            Disposable running = request
                    .exchangeToMono(response -> {
                        headers.set(true);
                        if (cancelled.get()) {
                            // Cancelled while waiting for these headers: end it now, while it owns its connection.
                            return response.bodyToFlux(DataBuffer.class).take(0).then(Mono.<T>empty());
                        }
                        return handler.apply(response).takeUntilOther(stop.asMono());
                    })
                    .doFinally(signal -> deadline.dispose())
                    // The caller's Reactor context (a parent observation, a trace) goes along with the request.
                    .contextWrite(sink.contextView())
                    .subscribe(sink::success, e -> {
                        if (cancelled.get()) {
                            log.debug("{} ended after it was cancelled: {}", what, e.toString());
                        } else {
                            sink.error(e);
                        }
                    }, sink::success);
            Runnable end = () -> {
                if (headers.get()) {
                    stop.tryEmitValue(Boolean.TRUE);
                } else {
                    running.dispose();
                }
            };
            sink.onCancel(() -> {
                cancelled.set(true);
                if (running.isDisposed()) {
                    return;
                }
                if (headers.get() && !finishAfterCancel.getAsBoolean()) {
                    end.run();
                } else {
                    deadline.update(Mono.delay(CANCEL_DEADLINE).subscribe(tick -> end.run()));
                }
            });
        });
    }
}

package dev.mcpclient.transport.http;

import dev.mcpclient.internal.Deadlines;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import reactor.netty.Connection;
import reactor.netty.channel.ChannelOperations;

/**
 * Runs HTTP exchanges so that cancelling one is safe for the connection pool and cheap.
 *
 * <p>Cancelling a {@code WebClient} exchange the usual way is not: before its response headers
 * arrived it only marks the exchange cancelled and lets the response finish (a stream that never
 * ends then holds its connection forever), after which the connection goes back to the pool and the
 * stale exchange can still close it under the next request that took it ("connection prematurely
 * closed" on an unrelated call); after the headers, Spring's cancel path races with the body's
 * delivery (spring-projects/spring-framework#37204). So a cancellation here never takes that path:
 * <ul>
 *   <li>an exchange that may finish by itself (a POST: the server ends its stream once it sent the
 *       response, which another stream may have brought first) gets {@link #CANCEL_DEADLINE} to do
 *       so, and its connection is reused rather than closed;</li>
 *   <li>otherwise, or past that deadline, an exchange with headers is ended by cancelling the
 *       handler's own body subscription, which closes the connection it still owns;</li>
 *   <li>an exchange still without headers (at once if it may not finish by itself, else at the
 *       deadline) has its connection closed on its event loop, and only while it still owns it.</li>
 * </ul>
 * Errors after a cancellation are observed and logged at debug level, never dropped unobserved.
 *
 * <p>One instance per transport: when the transport closes, {@link #endLingering()} ends at once the
 * exchanges still finishing by themselves, so that none outlives it (its connections are closed
 * next, which would otherwise cut them with a premature close).
 */
final class Exchanges {

    private static final Logger log = LoggerFactory.getLogger(Exchanges.class);

    /** How long a cancelled exchange may wait for its headers or finish by itself. */
    static final Duration CANCEL_DEADLINE = Duration.ofSeconds(2);

    private static final BooleanSupplier FINISH = () -> true;
    private static final BooleanSupplier END = () -> false;

    /** The cancelled exchanges still finishing by themselves. */
    private final Set<Lingering> lingering = ConcurrentHashMap.newKeySet();

    /**
     * @param request the request, ready to send
     * @param handler reads the response; not called for an exchange cancelled before its headers
     * @param finishAfterCancel whether a cancelled exchange may run to its end (bounded by {@link #CANCEL_DEADLINE})
     * @param what describes the exchange in log lines (its {@code toString()}, called only for a line written)
     */
    <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, Function<ClientResponse, Mono<T>> handler,
            boolean finishAfterCancel, Object what) {
        return exchange(request, handler, finishAfterCancel ? FINISH : END, what);
    }

    /**
     * Like {@link #exchange(WebClient.RequestHeadersSpec, Function, boolean, Object)}, asking
     * {@code finishAfterCancel} at the moment of the cancellation: a request whose response already
     * arrived may finish by itself, one cancelled without it is ended at once (2026-07-28: closing a
     * request's stream is its cancellation).
     */
    <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, Function<ClientResponse, Mono<T>> handler,
            BooleanSupplier finishAfterCancel, Object what) {
        return Mono.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            AtomicBoolean headers = new AtomicBoolean();
            AtomicReference<Connection> connection = new AtomicReference<>();
            // Ends a running handler from the inside: its body subscription is cancelled (the connection
            // is closed while still this exchange's), and WebClient's own cancel path is never taken.
            Sinks.One<Boolean> stop = Sinks.one(); // a value: takeUntilOther ignores a bare completion
            Disposable.Swap deadline = Disposables.swap();
            Disposable running = request
                    .httpRequest(http -> {
                        if (http.getNativeRequest() instanceof Connection c) {
                            connection.set(c);
                        }
                    })
                    .exchangeToMono(response -> {
                        headers.set(true);
                        if (cancelled.get() && !finishAfterCancel.getAsBoolean()) {
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
            sink.onCancel(() -> {
                cancelled.set(true);
                if (running.isDisposed()) {
                    return;
                }
                if (!finishAfterCancel.getAsBoolean()) {
                    if (headers.get()) {
                        stop.tryEmitValue(Boolean.TRUE);
                    } else {
                        abortBeforeHeaders(connection.get(), running);
                    }
                    return;
                }
                // Closing connections is what costs (and what races in the HTTP stack): give the exchange
                // a moment to finish by itself, then end it (or when the transport closes, if sooner). A
                // coarse deadline: no timer (and no thread woken) per exchange.
                Lingering end = new Lingering(() -> {
                    if (headers.get()) {
                        stop.tryEmitValue(Boolean.TRUE);
                    } else {
                        abortBeforeHeaders(connection.get(), running);
                    }
                });
                deadline.update(end);
                end.start();
            });
        });
    }

    /** Ends at once every cancelled exchange still finishing by itself: the transport closes. */
    void endLingering() {
        for (Lingering end : lingering) {
            end.run();
        }
    }

    /** How many cancelled exchanges are still finishing by themselves (for tests). */
    int lingering() {
        return lingering.size();
    }

    /**
     * A cancelled exchange finishing by itself: it is ended at its deadline or when the transport
     * closes, whichever comes first, unless it finishes before ({@link #dispose()}).
     */
    private final class Lingering implements Runnable, Disposable {
        private final Runnable end;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Disposable deadline;

        Lingering(Runnable end) {
            this.end = end;
        }

        void start() {
            lingering.add(this);
            deadline = Deadlines.after(CANCEL_DEADLINE, this);
            if (done.get()) {
                // Finished (or ended) while being listed: settle() may have looked before either existed.
                lingering.remove(this);
                deadline.dispose();
            }
        }

        /** Ends the exchange now. */
        @Override
        public void run() {
            if (settle()) {
                end.run();
            }
        }

        /** The exchange finished by itself. */
        @Override
        public void dispose() {
            settle();
        }

        @Override
        public boolean isDisposed() {
            return done.get();
        }

        private boolean settle() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            lingering.remove(this);
            Disposable timer = deadline;
            if (timer != null) {
                timer.dispose();
            }
            return true;
        }
    }

    /**
     * Ends an exchange that has no response headers yet. Its connection is closed on its own event
     * loop, and only while the exchange still owns it: once the response ended and the connection went
     * back to the pool, it belongs to someone else and is left alone. Before a connection was bound,
     * disposing merely stops the acquisition.
     */
    private static void abortBeforeHeaders(Connection connection, Disposable running) {
        if (connection == null) {
            running.dispose();
            return;
        }
        Channel channel = connection.channel();
        if (!channel.isRegistered()) {
            // Closed and deregistered already (e.g. the connection of an earlier attempt that a filter
            // sent again): nobody can be handed it any more, so the exchange is simply stopped.
            running.dispose();
            return;
        }
        channel.eventLoop().execute(() -> {
            if (ChannelOperations.get(channel) != connection) {
                return; // the exchange ended meanwhile and its connection went back to the pool
            }
            // Discarding the inbound side first makes the close a cancellation to Reactor Netty: it ends
            // the exchange quietly instead of reporting a premature close ("The connection observed an
            // error", at WARN). The exchange then gets no signal from its connection, so it is disposed,
            // which is safe now that the connection can no longer be handed to anyone.
            if (connection instanceof ChannelOperations<?, ?> operations) {
                operations.discard();
            }
            channel.close();
            running.dispose();
        });
    }
}

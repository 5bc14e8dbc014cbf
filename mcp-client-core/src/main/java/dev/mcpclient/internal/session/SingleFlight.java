package dev.mcpclient.internal.session;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * One shared start of something every caller waits for (a handshake, a discovery, the era's
 * decision): the first caller starts it, concurrent callers join it, its success is kept until
 * {@link #reset()}, and a failure is forgotten so the next caller starts it again.
 */
final class SingleFlight<T> {

    private final AtomicReference<Mono<T>> current = new AtomicReference<>();
    /** The start that succeeded, while it is the current one. */
    private volatile Mono<T> completed;

    /** The current start, or a new one from {@code start} when there is none. */
    Mono<T> get(Supplier<Mono<T>> start) {
        return Mono.defer(() -> {
            Mono<T> existing = current.get();
            if (existing != null) {
                return existing;
            }
            AtomicReference<Mono<T>> self = new AtomicReference<>();
            Mono<T> fresh = Mono.defer(start)
                    .doOnSuccess(result -> completed = self.get())
                    .doOnError(e -> current.compareAndSet(self.get(), null))
                    .cache();
            self.set(fresh);
            return current.compareAndSet(null, fresh) ? fresh : get(start);
        });
    }

    /** Whether the current start succeeded (callers may skip {@link #get}). */
    boolean isDone() {
        Mono<T> started = current.get();
        return started != null && started == completed;
    }

    /** Forgets the current start: the next caller starts anew. */
    void reset() {
        current.set(null);
        completed = null;
    }
}

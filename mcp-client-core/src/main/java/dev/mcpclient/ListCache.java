package dev.mcpclient;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * One cached list of a session (tools, resources or prompts): filled by the first full listing,
 * dropped when the server says the list changed ({@link #invalidate()}) or a new session starts.
 *
 * <p>A listing that was in flight when the list was invalidated is not stored: it may predate the change.
 */
final class ListCache<T> {

    private final AtomicLong generation = new AtomicLong();
    private final Supplier<Object> session;
    private volatile Entry<T> entry;

    /** @param session identifies the current session (compared by identity); {@code null} before the first */
    ListCache(Supplier<Object> session) {
        this.session = session;
    }

    /** The cached list of the current session, or {@code fetch}'s result (stored unless invalidated meanwhile). */
    Mono<T> get(Supplier<Mono<T>> fetch) {
        return Mono.defer(() -> {
            long current = generation.get();
            T cached = peek();
            if (cached != null) {
                return Mono.just(cached);
            }
            return fetch.get().doOnNext(value -> {
                synchronized (this) {
                    if (generation.get() == current) {
                        entry = new Entry<>(current, session.get(), value);
                    }
                }
            });
        });
    }

    /** The cached list of the current session, or {@code null} when there is none (nothing is fetched). */
    T peek() {
        Entry<T> cached = entry;
        return cached != null && cached.generation == generation.get() && cached.session != null
                && cached.session == session.get() ? cached.value : null;
    }

    /** Drops the cached list; returns the new generation. */
    long invalidate() {
        synchronized (this) {
            entry = null;
            return generation.incrementAndGet();
        }
    }

    /** Changes with every {@link #invalidate()}. */
    long generation() {
        return generation.get();
    }

    private record Entry<T>(long generation, Object session, T value) {
    }
}

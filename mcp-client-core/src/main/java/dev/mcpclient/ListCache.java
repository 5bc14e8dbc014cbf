package dev.mcpclient;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One cached list of a session (tools, resources or prompts): filled by the first full listing,
 * dropped when the server says the list changed ({@link #invalidate()}) or a new session starts.
 *
 * <p>A listing that was in flight when the list was invalidated is not stored: it may predate the change.
 *
 * <p>Freshness (MCP 2026-07-28 caching hints): a listing reports each page's {@code ttlMs} to the
 * {@link LongConsumer} it is given; the list stays fresh for the shortest of them, counted from when
 * it was stored, after which {@link #get} fetches it again. A page without a hint in the legacy era
 * reports {@link #UNTIL_CHANGED}: the list then stays until the server says it changed, as before.
 * {@link #peek()} returns the list even when stale (to check a result against a tool's schema, or to
 * know its headers, a stale list is better than none).
 */
final class ListCache<T> {

    private final AtomicLong generation = new AtomicLong();
    private final Supplier<Object> session;
    private volatile Entry<T> entry;

    /** @param session identifies the current session (compared by identity); {@code null} before the first */
    ListCache(Supplier<Object> session) {
        this.session = session;
    }

    /** A page's hint when it has none in the legacy era: fresh until the server says the list changed. */
    static final long UNTIL_CHANGED = -1;

    /**
     * The cached list of the current session while fresh, or {@code fetch}'s result (stored unless
     * invalidated meanwhile); {@code fetch} reports each page's time to live to the consumer it gets.
     */
    Mono<T> get(Function<LongConsumer, Mono<T>> fetch) {
        return Mono.defer(() -> {
            long current = generation.get();
            Entry<T> cached = valid();
            if (cached != null && (cached.expiresAt == 0 || System.nanoTime() - cached.expiresAt < 0)) {
                return Mono.just(cached.value);
            }
            AtomicLong ttl = new AtomicLong(UNTIL_CHANGED);
            return fetch.apply(pageTtl -> ttl.accumulateAndGet(pageTtl, ListCache::shorter)).doOnNext(value -> {
                synchronized (this) {
                    if (generation.get() == current) {
                        long millis = ttl.get();
                        // 0 means "never goes stale" in an entry: a real instant is made odd, so never 0.
                        long expiresAt = millis < 0 ? 0 : (System.nanoTime() + millis * 1_000_000L) | 1;
                        entry = new Entry<>(current, session.get(), value, expiresAt);
                    }
                }
            });
        });
    }

    /** The shorter of two times to live, {@link #UNTIL_CHANGED} counting as the longest. */
    private static long shorter(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The cached list of the current session, fresh or stale, or {@code null} when there is none (nothing is fetched). */
    T peek() {
        Entry<T> cached = valid();
        return cached == null ? null : cached.value;
    }

    /** The entry of the current session and generation, or {@code null}. */
    private Entry<T> valid() {
        Entry<T> cached = entry;
        return cached != null && cached.generation == generation.get() && cached.session != null
                && cached.session == session.get() ? cached : null;
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

    /**
     * A result's {@code ttlMs} (2026-07-28 caching hints): absent or negative counts as 0 in the
     * modern era (immediately stale, as the revision says); in the legacy era, which has no hints, the
     * list is kept until the server says it changed.
     */
    static long timeToLive(JsonNode result, boolean modern) {
        if (!modern) {
            return UNTIL_CHANGED;
        }
        JsonNode ttl = result == null ? null : result.get("ttlMs");
        return ttl != null && ttl.isNumber() ? Math.max(0, ttl.asLong()) : 0;
    }

    /** @param expiresAt the {@link System#nanoTime()} the entry goes stale at, or 0 for never */
    private record Entry<T>(long generation, Object session, T value, long expiresAt) {
    }
}

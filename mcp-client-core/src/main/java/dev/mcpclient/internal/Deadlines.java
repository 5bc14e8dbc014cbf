package dev.mcpclient.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Coarse deadlines for cancelled exchanges: one periodic sweep (every {@link #TICK}, only while
 * there are deadlines) instead of one timer each.
 *
 * <p>Almost every deadline is disposed microseconds after it is set (the exchange finishes by
 * itself), so the cost that matters is setting one. A timer of its own on a
 * {@code ScheduledThreadPoolExecutor} usually becomes the head of the queue and wakes a scheduler
 * thread each time: measured at several microseconds of CPU per call under load (see
 * {@code docs/benchmarks.md}). Here setting one is a set insertion.
 */
public final class Deadlines {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    /** How often deadlines are checked: an action runs at most this late. */
    public static final Duration TICK = Duration.ofMillis(100);

    private static final Set<Entry> ENTRIES = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static volatile Disposable sweeper; // written under LOCK

    private Deadlines() {
    }

    /**
     * Runs {@code action} once {@code delay} has passed (up to {@link #TICK} later), unless the
     * returned handle is disposed first.
     */
    public static Disposable after(Duration delay, Runnable action) {
        Entry entry = new Entry(System.nanoTime() + delay.toNanos(), action);
        ENTRIES.add(entry);
        if (sweeper == null) {
            synchronized (LOCK) {
                if (sweeper == null) {
                    try {
                        startSweeper();
                    } catch (RejectedExecutionException e) {
                        // The shared scheduler is shut down: end now rather than never.
                        ENTRIES.remove(entry);
                        action.run();
                    }
                }
            }
        }
        return entry;
    }

    private static void startSweeper() {
        sweeper = Schedulers.parallel().schedulePeriodically(Deadlines::sweep, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (Entry entry : ENTRIES) {
            if (now - entry.at >= 0 && ENTRIES.remove(entry)) {
                try {
                    entry.action.run();
                } catch (RuntimeException e) {
                    log.warn("A deadline action failed", e);
                }
            }
        }
        synchronized (LOCK) {
            if (ENTRIES.isEmpty() && sweeper != null) {
                sweeper.dispose();
                sweeper = null;
                // An entry added while this sweeper was being stopped may have seen it still running.
                if (!ENTRIES.isEmpty()) {
                    try {
                        startSweeper();
                    } catch (RejectedExecutionException e) {
                        log.warn("Cannot sweep deadlines: Reactor's parallel scheduler is shut down");
                    }
                }
            }
        }
    }

    /** How many deadlines are set (for tests). */
    public static int pending() {
        return ENTRIES.size();
    }

    private static final class Entry implements Disposable {
        final long at;
        final Runnable action;

        Entry(long at, Runnable action) {
            this.at = at;
            this.action = action;
        }

        @Override
        public void dispose() {
            ENTRIES.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return !ENTRIES.contains(this);
        }
    }
}

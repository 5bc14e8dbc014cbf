package dev.mcpclient.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Every deadline of the client, checked by one sweep every {@link #TICK} while there are any: the
 * timeouts of open calls, and how long a cancelled HTTP exchange may take to finish by itself.
 *
 * <p>A sweep instead of a timer each: setting and cancelling a timer on a
 * {@code ScheduledThreadPoolExecutor} per call usually makes it the head of the queue and wakes a
 * scheduler thread each time, which cost several microseconds of CPU per call under load (see
 * {@code docs/benchmarks-history.md}); here it is a set insertion and removal. A deadline may also
 * move (progress restarts a call's timeout) without touching any timer. An action runs at most one
 * tick late, never early.
 */
public final class Deadlines {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    /** How often deadlines are checked: an action runs at most this late. */
    public static final Duration TICK = Duration.ofMillis(50);

    private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();

    private Deadlines() {
    }

    /** Something with a deadline. */
    public interface Watched {

        /**
         * Acts if its deadline passed at {@code now} ({@link System#nanoTime()}); called by the sweep,
         * once per tick while watched. Fast, never blocks; it stops being watched by {@link #unwatch}.
         */
        void check(long now);
    }

    /**
     * Checks {@code watched} every tick until {@link #unwatch}ed.
     *
     * @return {@code false} when no sweep can run (Reactor's parallel scheduler is shut down)
     */
    public static boolean watch(Watched watched) {
        WATCHED.add(watched);
        if (SWEEPING.get() || !SWEEPING.compareAndSet(false, true)) {
            return true;
        }
        return scheduleSweep();
    }

    /** Stops checking {@code watched}. */
    public static void unwatch(Watched watched) {
        WATCHED.remove(watched);
    }

    /**
     * Runs {@code action} once {@code delay} has passed (up to {@link #TICK} later), unless the
     * returned handle is disposed first. When no sweep can run, the action runs at once: late rather
     * than never.
     */
    public static Disposable after(Duration delay, Runnable action) {
        After after = new After(System.nanoTime() + delay.toNanos(), action);
        if (!watch(after) && WATCHED.remove(after)) {
            after.fire();
        }
        return after;
    }

    /** How many deadlines are watched (for tests). */
    public static int pending() {
        return WATCHED.size();
    }

    private static boolean scheduleSweep() {
        try {
            Schedulers.parallel().schedule(Deadlines::sweep, TICK.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            SWEEPING.set(false);
            log.warn("Cannot watch deadlines: Reactor's parallel scheduler is shut down");
            return false;
        }
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (Watched watched : WATCHED) {
            try {
                watched.check(now);
            } catch (RuntimeException e) {
                log.warn("Checking a deadline failed", e);
            }
        }
        if (!WATCHED.isEmpty()) {
            scheduleSweep();
            return;
        }
        SWEEPING.set(false);
        // Something watched after the check above saw the sweep still running and did not start one.
        if (!WATCHED.isEmpty() && SWEEPING.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    /** An action at a fixed time. */
    private static final class After implements Watched, Disposable {
        private final long at;
        private final Runnable action;

        After(long at, Runnable action) {
            this.at = at;
            this.action = action;
        }

        @Override
        public void check(long now) {
            if (now - at >= 0 && WATCHED.remove(this)) {
                fire();
            }
        }

        void fire() {
            action.run();
        }

        @Override
        public void dispose() {
            WATCHED.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return !WATCHED.contains(this);
        }
    }
}

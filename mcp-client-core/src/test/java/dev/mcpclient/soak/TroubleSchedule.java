package dev.mcpclient.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The troubles the servers go through during a run, one after the other, each at its offset from the
 * start: all drawn from the seed before the run, so a seed always gives the same schedule.
 */
final class TroubleSchedule {

    enum Kind {
        /** The server is closed (connections cut), stays down a while, and starts again on its port. */
        RESTART,
        /** A 2025-11-25 server forgets every session. */
        EXPIRE_SESSIONS,
        /** The server answers 503 with an HTML page for a while. */
        BROKEN_PHASE,
        /** One client is closed under its callers and a new one takes its place. */
        REPLACE_CLIENT
    }

    /**
     * One trouble.
     *
     * @param at its offset from the start
     * @param kind what happens
     * @param target the server (or, for {@link Kind#REPLACE_CLIENT}, the client slot)
     * @param length how long the server is down or broken
     */
    record Trouble(Duration at, Kind kind, int target, Duration length) {
    }

    final List<Trouble> troubles;
    final Map<Kind, Integer> done = new EnumMap<>(Kind.class);

    private TroubleSchedule(List<Trouble> troubles) {
        this.troubles = troubles;
    }

    /** None: the warm-up. */
    static TroubleSchedule none() {
        return new TroubleSchedule(List.of());
    }

    /**
     * A trouble every 1.5 to 5 s from about the third second until two seconds before the end, on
     * {@code servers} servers (even ones in the handshake era) and {@code 2 * servers} client slots.
     */
    static TroubleSchedule draw(long seed, Duration duration, int servers) {
        Random random = new Random(seed * 31 + 7);
        List<Trouble> troubles = new ArrayList<>();
        long end = duration.toMillis() - 2000;
        for (long t = 2000 + random.nextInt(2000); t < end; t += 1500 + random.nextInt(3500)) {
            int pick = random.nextInt(100);
            Kind kind = pick < 30 ? Kind.RESTART : pick < 55 ? Kind.EXPIRE_SESSIONS : pick < 80 ? Kind.BROKEN_PHASE
                    : Kind.REPLACE_CLIENT;
            int target = random.nextInt(kind == Kind.REPLACE_CLIENT ? 2 * servers : servers);
            if (kind == Kind.EXPIRE_SESSIONS) {
                target -= target % 2; // the handshake-era server of the pair: stateless ones have no sessions
            }
            Duration length = Duration.ofMillis(kind == Kind.RESTART ? 100 + random.nextInt(1400)
                    : kind == Kind.BROKEN_PHASE ? 200 + random.nextInt(1300) : 0);
            troubles.add(new Trouble(Duration.ofMillis(t), kind, target, length));
        }
        return new TroubleSchedule(List.copyOf(troubles));
    }

    /** What one trouble does. */
    interface Action {
        void run(Trouble trouble) throws InterruptedException;
    }

    /**
     * Runs the schedule from {@code startNanos} on the calling thread, each trouble at its offset (or at
     * once when the one before took longer), until the schedule ends or {@code stopping} says so.
     */
    void run(long startNanos, BooleanSupplier stopping, Action action) throws InterruptedException {
        for (Trouble trouble : troubles) {
            long wait = startNanos + trouble.at().toNanos() - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the schedule, not an ordering of events
            }
            if (stopping.getAsBoolean()) {
                return;
            }
            action.run(trouble);
            synchronized (done) {
                done.merge(trouble.kind(), 1, Integer::sum);
            }
        }
    }

    Map<Kind, Integer> done() {
        synchronized (done) {
            return new EnumMap<>(done);
        }
    }
}

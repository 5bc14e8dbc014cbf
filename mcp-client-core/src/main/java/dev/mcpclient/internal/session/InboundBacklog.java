package dev.mcpclient.internal.session;

import dev.mcpclient.internal.InboundFlow;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one session received from the server and has not finished with, counted three ways: notification
 * work waiting in arrival order (handlers, progress listeners), the server's requests whose handler has
 * not answered yet, and answers waiting to be sent (or being sent). It is the session's
 * {@link InboundFlow}: not accepting while any count is at its soft limit, so the transport stops
 * reading; the streams it paused go on once that count fell to half its limit. Past a hard limit (only a
 * transport that does not pause, or one huge batch, gets there) what comes is dropped, logged once.
 *
 * <p>The limits are counts, not bytes: each message is bounded by the transport's message size limit.
 * Answers are small and quick to make ({@code ping}), so many may wait to be sent: a call's own response
 * behind a flood of pings is read at once rather than after the pings were answered.
 */
final class InboundBacklog implements InboundFlow {

    /** Notification work waiting, at which the transport stops reading. */
    static final int NOTIFICATIONS_SOFT_LIMIT = 1_000;
    /** Notification work waiting, past which further notifications are dropped. */
    static final int NOTIFICATIONS_HARD_LIMIT = 10_000;
    /** Requests of the server in their handlers, at which the transport stops reading. */
    static final int HANDLING_SOFT_LIMIT = 64;
    /** Requests of the server in their handlers, past which further requests are dropped unanswered. */
    static final int HANDLING_HARD_LIMIT = 1_024;
    /** Answers waiting to be sent, at which the transport stops reading. */
    static final int UNSENT_SOFT_LIMIT = 16_384;
    /** Answers waiting to be sent, past which further {@code ping}s are dropped unanswered. */
    static final int UNSENT_HARD_LIMIT = 65_536;

    final Count notifications = new Count(NOTIFICATIONS_SOFT_LIMIT, NOTIFICATIONS_HARD_LIMIT);
    final Count handling = new Count(HANDLING_SOFT_LIMIT, HANDLING_HARD_LIMIT);
    final Count unsent = new Count(UNSENT_SOFT_LIMIT, UNSENT_HARD_LIMIT);
    private final Queue<Runnable> paused = new ConcurrentLinkedQueue<>();

    @Override
    public boolean accepting() {
        return notifications.below() && handling.below() && unsent.below();
    }

    @Override
    public void whenAccepting(Runnable resume) {
        if (accepting()) {
            resume.run();
            return;
        }
        paused.offer(resume);
        if (accepting()) {
            resumeAll(); // room was made while it was being listed
        }
    }

    /**
     * Lets the paused streams go on, in the order they paused, while there is room: a stream that goes on
     * may fill the backlog at once and pause again (listed anew), which ends the round; the ones still
     * listed go on at the next crossing of a resume mark.
     */
    private void resumeAll() {
        while (accepting()) {
            Runnable resume = paused.poll();
            if (resume == null) {
                return;
            }
            resume.run();
        }
    }

    /** One count, with its limits and its high-water mark. */
    final class Count {
        private final int soft;
        private final int hard;
        private final int resumeAt;
        private final AtomicInteger value = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        Count(int soft, int hard) {
            this.soft = soft;
            this.hard = hard;
            this.resumeAt = soft / 2;
        }

        boolean below() {
            return value.get() < soft;
        }

        /** Counts one more, unless it is past the hard limit; whether there was room (counted then). */
        boolean add() {
            for (;;) {
                int current = value.get();
                if (current >= hard) {
                    return false;
                }
                if (value.compareAndSet(current, current + 1)) {
                    most.accumulateAndGet(current + 1, Math::max);
                    return true;
                }
            }
        }

        /** Counts one more, whatever the limits (work that must not be dropped). */
        void force() {
            most.accumulateAndGet(value.incrementAndGet(), Math::max);
        }

        /** Counts one less: paused streams go on when it falls to the resume mark and there is room. */
        void remove() {
            if (value.decrementAndGet() == resumeAt && accepting()) {
                resumeAll();
            }
        }

        /** The count now. */
        int value() {
            return value.get();
        }

        /** The highest the count was so far. */
        int most() {
            return most.get();
        }

        /** The hard limit. */
        int hardLimit() {
            return hard;
        }
    }
}

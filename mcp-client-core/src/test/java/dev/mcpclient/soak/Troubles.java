package dev.mcpclient.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * When one server was in trouble (restarting, expiring sessions, answering 503), so that a call's
 * failure can be told apart: caused by the trouble it met, or by the client.
 *
 * <p>A trouble counts from its start until {@link SoakConfig#TROUBLE_AFTERMATH} after its end: pooled
 * connections the restart closed and background streams reconnecting are felt a little longer.
 */
final class Troubles {

    private static final long AFTERMATH = SoakConfig.TROUBLE_AFTERMATH.toNanos();

    /** [start, end] in nanos; end {@code Long.MAX_VALUE} while the trouble lasts. Guarded by this. */
    private final List<long[]> spans = new ArrayList<>();

    /** A trouble starts now; the returned span is passed to {@link #end}. */
    synchronized long[] begin() {
        long[] span = {System.nanoTime(), Long.MAX_VALUE};
        spans.add(span);
        return span;
    }

    synchronized void end(long[] span) {
        span[1] = System.nanoTime();
    }

    /** A trouble of no length (sessions expired): felt for the aftermath. */
    synchronized void instant() {
        long now = System.nanoTime();
        spans.add(new long[] {now, now});
    }

    /** Whether a call running from {@code start} to {@code end} (nanos) met a trouble. */
    synchronized boolean met(long start, long end) {
        for (long[] span : spans) {
            long until = span[1] == Long.MAX_VALUE ? Long.MAX_VALUE : span[1] + AFTERMATH;
            if (span[0] <= end && until >= start) {
                return true;
            }
        }
        return false;
    }
}

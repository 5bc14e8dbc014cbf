package dev.mcpclient.transport.http;

import dev.mcpclient.internal.Deadlines;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** What tests outside this package may observe of the HTTP exchanges. */
public final class ExchangeProbe {

    private ExchangeProbe() {
    }

    /**
     * Waits, at most {@code limit}, until no cancelled exchange is still finishing by itself (each does
     * within {@link Exchanges#CANCEL_DEADLINE}): for a test that must not leave traffic behind it,
     * whose late errors would show up in the next test's log.
     *
     * @return whether none is left
     */
    public static boolean awaitCancelledExchangesDone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (Deadlines.pending() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // polls a condition; orders nothing
        }
        return true;
    }
}

package dev.mcpclient.samples.quickstart;

import dev.mcpclient.schema.ProgressNotification;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-line progress bar, redrawn from the server's progress notifications. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final CountDownLatch complete = new CountDownLatch(1);
    private boolean drawn;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Redraws the bar; called for each notification, on a thread of the client's. */
    synchronized void update(ProgressNotification progress) {
        double fraction = progress.total() == null || progress.total() <= 0 ? 0
                : Math.min(1, progress.progress() / progress.total());
        int filled = (int) Math.round(fraction * WIDTH);
        out.print("\r  " + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", Math.round(fraction * 100))
                + (progress.message() == null ? "" : " " + progress.message()) + "   ");
        out.flush();
        drawn = true;
        if (fraction >= 1) {
            complete.countDown();
        }
    }

    /**
     * Ends the bar's line once the call returned. Notifications are drawn on another thread: the last
     * one may still be on its way, so wait a moment for it.
     */
    void finish() throws InterruptedException {
        synchronized (this) {
            if (!drawn) {
                return;
            }
        }
        complete.await(1, TimeUnit.SECONDS);
        synchronized (this) {
            out.println();
        }
    }
}

package dev.mcpclient.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The end of one HTTP exchange as the server sees it: actions that must run before anyone waiting
 * on {@link #future()} wakes up (e.g. detaching a background stream), then the future completes.
 */
final class ExchangeEnd {

    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private List<Runnable> actions = new ArrayList<>();
    private boolean ended;

    /** Adds an action to run when the exchange ends; {@code false} (not added) if it already ended. */
    synchronized boolean beforeEnd(Runnable action) {
        if (ended) {
            return false;
        }
        actions.add(action);
        return true;
    }

    /** Ends the exchange once: runs the actions (outside this object's monitor), then completes. */
    void end() {
        List<Runnable> toRun;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            toRun = actions;
            actions = List.of();
        }
        try {
            toRun.forEach(Runnable::run);
        } finally {
            future.complete(null);
        }
    }

    CompletableFuture<Void> future() {
        return future;
    }
}

package dev.mcpclient.bench;

import dev.mcpclient.bench.clients.BenchClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load on one client: {@code n} callers, each making its next call as soon as the last
 * one settled. Reactive callers are {@code n} concurrent subscriptions (no thread each); blocking
 * callers are {@code n} platform threads.
 */
final class LoadRunner implements AutoCloseable {

    private final BenchClient client;
    private final boolean blocking;
    private final LatencyRecorder recorder;
    private final AtomicBoolean running = new AtomicBoolean();
    private CountDownLatch finished;
    private final CountDownLatch exit = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    LoadRunner(BenchClient client, boolean blocking, LatencyRecorder recorder) {
        this.client = client;
        this.blocking = blocking;
        this.recorder = recorder;
    }

    /** Starts {@code n} callers. */
    void start(int n) {
        running.set(true);
        finished = new CountDownLatch(n);
        if (blocking) {
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(this::blockingCaller, "bench-caller-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        } else {
            for (int i = 0; i < n; i++) {
                Mono.defer(this::oneCall)
                        .repeat(running::get)
                        .subscribe(null, e -> finished.countDown(), finished::countDown);
            }
        }
    }

    private Mono<Object> oneCall() {
        long start = System.nanoTime();
        return client.call()
                .doOnSuccess(result -> recorder.success(System.nanoTime() - start))
                .cast(Object.class)
                .onErrorResume(e -> {
                    recorder.failure(e);
                    return Mono.empty();
                });
    }

    private void blockingCaller() {
        try {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    client.callBlocking();
                    recorder.success(System.nanoTime() - start);
                } catch (RuntimeException e) {
                    recorder.failure(e);
                }
            }
        } finally {
            finished.countDown();
            // Stay alive until released: a thread that ends takes its allocation and CPU counters with it.
            try {
                exit.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the callers and waits until every call in flight settled. */
    void stop(Duration patience) throws InterruptedException {
        running.set(false);
        if (!finished.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(finished.getCount() + " callers did not finish within " + patience);
        }
    }

    /** Lets the caller threads end (after {@link #stop}). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        exit.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        threads.clear();
    }
}

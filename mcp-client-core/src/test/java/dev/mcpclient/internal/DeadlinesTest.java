package dev.mcpclient.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class DeadlinesTest {

    @Test
    void runsTheActionOnceTheDelayPassed() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        Deadlines.after(Duration.ofMillis(150), ran::countDown);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aDisposedDeadlineNeverRuns() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Disposable deadline = Deadlines.after(Duration.ofMillis(50), runs::incrementAndGet);
        deadline.dispose();
        assertThat(deadline.isDisposed()).isTrue();

        CountDownLatch later = new CountDownLatch(1);
        Deadlines.after(Duration.ofMillis(200), later::countDown);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(0);
    }

    @Test
    void theSweeperStopsWhenNothingIsLeftAndStartsAgain() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        Deadlines.after(Duration.ZERO, first::countDown);
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(3 * Deadlines.TICK.toMillis());
        assertThat(Deadlines.pending()).isZero();

        CountDownLatch second = new CountDownLatch(1);
        Deadlines.after(Duration.ZERO, second::countDown);
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void manyDeadlinesEachRunExactlyOnce() throws InterruptedException {
        int n = 1_000;
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Deadlines.after(Duration.ofMillis(i % 200), () -> {
                runs.incrementAndGet();
                all.countDown();
            });
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(2 * Deadlines.TICK.toMillis());
        assertThat(runs).hasValue(n);
    }
}

package dev.mcpclient.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of the calls that complete while recording is on: a preallocated array (nothing is
 * allocated per call) and a counter. Percentiles are exact over what was kept.
 */
final class LatencyRecorder {

    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder errors = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private volatile boolean recording;

    LatencyRecorder(int capacity) {
        this.nanos = new long[capacity];
    }

    void reset() {
        next.set(0);
        errors.reset();
        completed.reset();
    }

    void recording(boolean on) {
        this.recording = on;
    }

    /** A call that succeeded after {@code latencyNanos}. */
    void success(long latencyNanos) {
        completed.increment();
        if (recording) {
            int i = next.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = latencyNanos;
            }
        }
    }

    /** A call that failed. */
    void failure(Throwable e) {
        completed.increment();
        errors.increment();
        if (errors.sum() <= 3) {
            System.err.println("call failed: " + e);
        }
    }

    /** Calls that succeeded while recording. */
    int recorded() {
        return next.get();
    }

    /** Every call that ended since the last reset, recorded or not. */
    long completed() {
        return completed.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** The latencies kept, sorted. */
    long[] sorted() {
        long[] copy = Arrays.copyOf(nanos, Math.min(next.get(), nanos.length));
        Arrays.sort(copy);
        return copy;
    }

    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}

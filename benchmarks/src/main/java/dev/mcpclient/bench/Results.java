package dev.mcpclient.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything one run measured; written as JSON and rendered as tables and a chart. */
final class Results {

    /** Where and how the run happened. */
    public Map<String, Object> machine;
    public String profile;
    public List<Load> load = new ArrayList<>();
    public List<Allocation> allocation = new ArrayList<>();
    public List<Heap> heap = new ArrayList<>();
    public List<FirstCall> firstCall = new ArrayList<>();
    public List<Seed> seed = new ArrayList<>();
    public List<Micro> micro = new ArrayList<>();

    /**
     * One measured round of one contender; {@code cpuCores}: the CPU this JVM used during the window
     * (server, client and callers), in cores, so that a round that left the machine idle shows;
     * {@code clientCpuMicros}: the CPU time of every thread but the server's during the window, per
     * call completed in it (0 in runs before it was measured).
     */
    public record Round(double callsPerSecond, double p50Millis, double p99Millis, long calls, long errors, double cpuCores,
            double clientCpuMicros) {
    }

    /** Closed-loop load: one contender, one endpoint, one concurrency. */
    public record Load(String mode, int concurrency, String contender, List<Round> rounds) {
    }

    /** Heap bytes allocated and CPU time used per call, all threads but the server's. */
    public record Allocation(String mode, String contender, int concurrency, long calls, double bytesPerCall,
            double cpuMicrosPerCall) {
    }

    /**
     * Heap retained while {@code calls} are in flight.
     *
     * @param onWire how many of them the server had received (the rest wait for a connection in the
     *     client's pool)
     */
    public record Heap(String contender, int calls, int onWire, long retainedBytes, double bytesPerCall) {
    }

    /**
     * New client, connect (the handshake, or {@code server/discover}), first call: milliseconds.
     *
     * @param mode the endpoint ({@code null} in runs before the modern era was measured: {@code json})
     * @param contender the contender, and how it met the server when that matters
     */
    public record FirstCall(String mode, String contender, int repetitions, double medianMillis, double minMillis,
            double maxMillis) {
    }

    /**
     * The seed race. From the server handing the response to the background stream to the call
     * settling ({@code p50Micros} ...), and, where the client's sockets can be stamped, from the
     * response's bytes arriving at the client to the call settling ({@code arrivalP50Micros} ...;
     * {@code NaN} otherwise).
     */
    public record Seed(String contender, int calls, long failures, double p50Micros, double p99Micros, double maxMicros,
            double arrivalP50Micros, double arrivalP99Micros, double arrivalMaxMicros) {
    }

    /** A JMH result. */
    public record Micro(String benchmark, String params, double opsPerSecond, double error, double bytesPerOp,
            double megabytesPerSecond) {
    }
}

package dev.mcpclient.bench;

import dev.mcpclient.bench.clients.ArrivalStamps;
import dev.mcpclient.bench.clients.BenchClient;
import dev.mcpclient.bench.clients.Contender;
import dev.mcpclient.bench.clients.Contenders;
import dev.mcpclient.bench.clients.OursClient;
import dev.mcpclient.internal.session.ServerEras;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * Runs every benchmark of issue #5 in one JVM, against one in-process loopback server, and writes
 * {@code results.json}, {@code results.md} and {@code chart.svg}.
 *
 * <pre>
 * java -cp ... dev.mcpclient.bench.BenchmarkMain [--quick | --smoke] [--out DIR] [--skip PHASE,...]
 *     [--eras handshake,modern] [--modes json,sse,modern-json,modern-sse] [--contenders NAME,...] [--callers N,...]
 *     [--rounds N] [--window MS]
 * </pre>
 * Phases: {@code load}, {@code allocation}, {@code seed}, {@code first-call}, {@code heap}, {@code micro}.
 * The seed race and the retained heap are of the handshake era only (the modern era has no background
 * stream and no resumption); time to first call is measured in both.
 */
public final class BenchmarkMain {

    /**
     * The endpoints of the load scenarios: {@code tools/call} answered with JSON or an SSE stream, in
     * the handshake era and in the modern one ({@link Era}).
     */
    static final List<String> MODES = List.of("json", "sse", "modern-json", "modern-sse");

    /** The CPU time of this whole JVM (server, clients, callers, GC and JIT alike). */
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private List<String> modes = MODES;
    private List<Era> eras = List.of(Era.values());
    private int costCallers = 16;

    private final Settings settings;
    private final Results results = new Results();
    private final List<String> skip;

    private BenchmarkMain(Settings settings, List<String> skip) {
        this.settings = settings;
        this.skip = skip;
    }

    public static void main(String[] args) throws Exception {
        String profile = "full";
        Path out = Path.of("benchmarks", "target", "results");
        List<String> skip = new ArrayList<>();
        List<String> modes = MODES;
        List<String> eras = null;
        Integer rounds = null;
        Duration window = null;
        List<String> contenders = null;
        int[] callers = null;
        int costCallers = 16;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    profile = "quick";
                    break;
                case "--smoke":
                    profile = "smoke";
                    break;
                case "--full":
                    profile = "full";
                    break;
                case "--out":
                    out = Path.of(args[++i]);
                    break;
                case "--skip":
                    skip.addAll(Arrays.asList(args[++i].split(",")));
                    break;
                case "--modes":
                    modes = Arrays.asList(args[++i].split(","));
                    break;
                case "--eras":
                    eras = Arrays.asList(args[++i].split(","));
                    break;
                case "--contenders":
                    contenders = Arrays.asList(args[++i].split(","));
                    break;
                case "--render": {
                    // Re-renders results.md and chart.svg of an earlier run from its results.json.
                    Path dir = Path.of(args[++i]);
                    Results earlier = Report.read(Files.readString(dir.resolve("results.json")));
                    Files.writeString(dir.resolve("results.md"), Report.markdown(earlier), StandardCharsets.UTF_8);
                    Files.writeString(dir.resolve("chart.svg"), SvgChart.render(earlier), StandardCharsets.UTF_8);
                    System.out.println("Rendered " + dir.toAbsolutePath());
                    return;
                }
                case "--rounds":
                    rounds = Integer.parseInt(args[++i]);
                    break;
                case "--window":
                    window = Duration.ofMillis(Long.parseLong(args[++i]));
                    break;
                case "--cost-callers":
                    costCallers = Integer.parseInt(args[++i]);
                    break;
                case "--callers":
                    callers = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: [--quick | --smoke | --full] [--out DIR] [--skip load,allocation,seed,first-call,heap,micro]"
                            + " [--eras handshake,modern] [--modes json,sse,modern-json,modern-sse]"
                            + " [--contenders floor,ours-reactive,...] [--callers 1,16,256] [--rounds N] [--window MS]");
            }
        }
        if (eras != null) {
            List<String> chosen = eras;
            for (String era : chosen) {
                Era.valueOf(era.toUpperCase(java.util.Locale.ROOT)); // fails on an unknown era
            }
            modes = modes.stream().filter(m -> chosen.contains(Era.of(m).label())).toList();
        }
        Settings settings = Settings.named(profile).narrowed(contenders, callers).rounds(rounds, window);
        Results results = run(settings, skip, modes, out, costCallers);
        long errors = results.load.stream().flatMap(l -> l.rounds().stream()).mapToLong(Results.Round::errors).sum();
        System.exit(errors == 0 ? 0 : 1);
    }

    /** Runs a profile and writes its results under {@code out}. */
    static Results run(Settings settings, List<String> skip, List<String> modes, Path out) throws Exception {
        return run(settings, skip, modes, out, 16);
    }

    static Results run(Settings settings, List<String> skip, List<String> modes, Path out, int costCallers)
            throws Exception {
        BenchmarkMain main = new BenchmarkMain(settings, skip);
        main.modes = modes;
        main.eras = modes.stream().map(Era::of).distinct().toList();
        main.costCallers = costCallers;
        long start = System.nanoTime();
        main.runAll();
        main.results.machine.put("runSeconds", (System.nanoTime() - start) / 1_000_000_000L);
        main.results.machine.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.json"), Report.json(main.results), StandardCharsets.UTF_8);
        String markdown = Report.markdown(main.results);
        Files.writeString(out.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("chart.svg"), SvgChart.render(main.results), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Results written to " + out.toAbsolutePath());
        return main.results;
    }

    private void runAll() throws Exception {
        results.profile = settings.profile();
        results.machine = machine();
        log("profile %s on %s", settings.profile(), results.machine);
        try (BenchServer server = BenchServer.start(2)) {
            for (String mode : modes) {
                if (!skip.contains("load") || !skip.contains("allocation")) {
                    loadAndAllocation(server, mode);
                }
            }
            if (!skip.contains("seed") && eras.contains(Era.HANDSHAKE)) {
                seed(server);
            }
            if (!skip.contains("first-call")) {
                firstCall(server);
            }
        }
        if (!skip.contains("heap") && eras.contains(Era.HANDSHAKE)) {
            heap();
        }
        if (!skip.contains("micro")) {
            results.micro.addAll(Micro.run(settings));
        }
    }

    // ------------------------------------------------------------------ load and allocation

    private void loadAndAllocation(BenchServer server, String mode) throws Exception {
        String url = server.baseUrl() + "/" + mode;
        Era era = Era.of(mode);
        List<Contender> contenders = settings.contenders().stream().filter(c -> c.runsIn(era)).toList();
        if (contenders.isEmpty()) {
            return;
        }
        Map<Contender, BenchClient> clients = new LinkedHashMap<>();
        LatencyRecorder recorder = new LatencyRecorder(4_000_000);
        Map<String, Long> receivedBefore = server.received(mode);
        try {
            for (Contender c : contenders) {
                clients.put(c, c.connect(url, era));
            }
            log("%s: connecting %d clients took these messages to the server: %s", mode, contenders.size(),
                    difference(server.received(mode), receivedBefore));
            for (Contender c : contenders) {
                log("%s: JIT warm-up of %s (%d s, 16 callers)", mode, c.name(), settings.jitWarmup().toSeconds());
                measure(clients.get(c), c.blocking(), 16, settings.jitWarmup(), Duration.ZERO, recorder);
            }
            if (!skip.contains("load")) {
                for (int n : settings.concurrency()) {
                    Map<Contender, List<Results.Round>> rounds = new LinkedHashMap<>();
                    for (Contender c : contenders) {
                        log("%s, %d callers: warming up %s", mode, n, c.name());
                        measure(clients.get(c), c.blocking(), n, settings.warmup(), Duration.ZERO, recorder);
                        rounds.put(c, new ArrayList<>());
                    }
                    for (int r = 0; r < settings.rounds(); r++) {
                        // Each round starts one contender further on: no contender always follows the same one.
                        List<Contender> order = new ArrayList<>(contenders);
                        java.util.Collections.rotate(order, -(r % order.size()));
                        for (Contender c : order) {
                            long connections = server.connectionsAccepted();
                            Results.Round round = measure(clients.get(c), c.blocking(), n, settings.ramp(),
                                    settings.measure(), recorder);
                            rounds.get(c).add(round);
                            log("%s, %d callers, round %d: %-14s %9.0f calls/s  p50 %7.3f ms  p99 %7.3f ms  "
                                            + "%.2f cores (%.1f µs per call, %.1f of them the client's)  %d new connections%s",
                                    mode, n, r + 1, c.name(), round.callsPerSecond(), round.p50Millis(),
                                    round.p99Millis(), round.cpuCores(), round.cpuCores() * 1e6 / round.callsPerSecond(),
                                    round.clientCpuMicros(),
                                    server.connectionsAccepted() - connections,
                                    round.errors() > 0 ? "  ERRORS " + round.errors() : "");
                        }
                    }
                    rounds.forEach((c, list) -> results.load.add(new Results.Load(mode, n, c.name(), list)));
                }
            }
            if (!skip.contains("allocation")) {
                for (Contender c : contenders) {
                    long connectionsBefore = server.connectionsAccepted();
                    results.allocation.add(allocation(mode, c, clients.get(c), costCallers, recorder));
                    log("%s: %-14s opened %d connections", mode, c.name(), server.connectionsAccepted() - connectionsBefore);
                }
            }
        } finally {
            clients.values().forEach(BenchClient::close);
            log("%s: the server received in all: %s", mode, difference(server.received(mode), receivedBefore));
        }
    }

    /** {@code after} minus {@code before}, method by method, the methods that did not move left out. */
    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((method, count) -> {
            long moved = count - before.getOrDefault(method, 0L);
            if (moved != 0) {
                out.put(method, moved);
            }
        });
        return out;
    }

    private static Results.Round measure(BenchClient client, boolean blocking, int n, Duration ramp, Duration window,
            LatencyRecorder recorder) throws InterruptedException {
        recorder.reset();
        LoadRunner runner = new LoadRunner(client, blocking, recorder);
        runner.start(n);
        sleep(ramp);
        // The client's CPU (every thread but the server's) over the window, as in the allocation phase, but
        // in rounds that alternate the contenders: a change in the machine's load touches all alike.
        Map<Long, Long> clientCpuBefore = window.isZero() ? null : AllocationMeter.cpuSnapshot();
        recorder.reset();
        recorder.recording(true);
        long cpuStart = PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        sleep(window);
        recorder.recording(false);
        long elapsed = System.nanoTime() - start;
        double cpuCores = (double) (PROCESS.getProcessCpuTime() - cpuStart) / elapsed;
        Map<Long, Long> clientCpuAfter = window.isZero() ? null : AllocationMeter.cpuSnapshot();
        int calls = recorder.recorded();
        long errors = recorder.errors();
        runner.stop(Duration.ofSeconds(60));
        runner.close();
        if (window.isZero()) {
            return null;
        }
        long[] sorted = recorder.sorted();
        double clientCpuMicros = calls == 0 ? 0 : AllocationMeter.between(clientCpuBefore, clientCpuAfter) / 1e3 / calls;
        return new Results.Round(calls / (elapsed / 1e9), LatencyRecorder.percentileMillis(sorted, 50),
                LatencyRecorder.percentileMillis(sorted, 99), calls, errors, cpuCores, clientCpuMicros);
    }

    private Results.Allocation allocation(String mode, Contender c, BenchClient client, int n, LatencyRecorder recorder)
            throws InterruptedException {
        measure(client, c.blocking(), n, settings.ramp(), Duration.ZERO, recorder);
        recorder.reset();
        LoadRunner runner = new LoadRunner(client, c.blocking(), recorder);
        Map<Long, Long> before = AllocationMeter.snapshot();
        Map<Long, Long> cpuBefore = AllocationMeter.cpuSnapshot();
        long serverCpuBefore = AllocationMeter.serverCpu();
        long processCpuBefore = PROCESS.getProcessCpuTime();
        runner.start(n);
        sleep(settings.allocation());
        runner.stop(Duration.ofSeconds(60));
        long processCpu = PROCESS.getProcessCpuTime() - processCpuBefore;
        long serverCpu = AllocationMeter.serverCpu() - serverCpuBefore;
        Map<Long, Long> cpuAfter = AllocationMeter.cpuSnapshot();
        Map<Long, Long> after = AllocationMeter.snapshot();
        Map<String, Long> cpuGroups = AllocationMeter.byGroup(cpuBefore, cpuAfter);
        runner.close();
        long calls = recorder.completed();
        double perCall = (double) AllocationMeter.between(before, after) / calls;
        double cpuMicros = AllocationMeter.between(cpuBefore, cpuAfter) / 1e3 / calls;
        log("%s: %-14s allocates %,.0f bytes and uses %.1f µs of CPU per call (%d calls, %d callers)", mode, c.name(),
                perCall, cpuMicros, calls, n);
        StringBuilder groups = new StringBuilder();
        cpuGroups.forEach((group, nanos) -> {
            if (nanos / 1e3 / calls >= 0.5) {
                groups.append(String.format(java.util.Locale.ROOT, " %s=%.1f", group, nanos / 1e3 / calls));
            }
        });
        log("%s: %-14s CPU µs per call by thread:%s; the server's threads %.1f; the whole process %.1f", mode, c.name(),
                groups, serverCpu / 1e3 / calls, processCpu / 1e3 / calls);
        return new Results.Allocation(mode, c.name(), n, calls, perCall, cpuMicros);
    }

    // ------------------------------------------------------------------ seed race

    private void seed(BenchServer server) {
        String url = server.baseUrl() + "/seed";
        for (Contender c : List.of(Contenders.OURS_REACTIVE, Contenders.OURS_BLOCKING, Contenders.SDK)) {
            boolean stamped = c != Contenders.SDK;
            try (BenchClient client = stamped ? OursClient.connectStamped(url) : c.connect(url)) {
                // Warm: the seed's paths (resumption, background stream) are not the load phases' paths.
                for (int i = 0; i < Math.max(20, settings.seedCalls() / 2); i++) {
                    seedCall(client, c.blocking(), stamped, new long[2]);
                }
                long failures = 0;
                long[] fromServer = new long[settings.seedCalls()];
                long[] fromArrival = new long[settings.seedCalls()];
                int ok = 0;
                long[] lags = new long[2];
                for (int i = 0; i < settings.seedCalls(); i++) {
                    if (seedCall(client, c.blocking(), stamped, lags)) {
                        fromServer[ok] = lags[0];
                        fromArrival[ok] = lags[1];
                        ok++;
                    } else {
                        failures++;
                    }
                }
                long[] server1 = sortedPrefix(fromServer, ok);
                long[] arrival = sortedPrefix(fromArrival, ok);
                Results.Seed seed = new Results.Seed(c.name(), settings.seedCalls(), failures,
                        micros(server1, 50), micros(server1, 99), micros(server1, 100),
                        stamped ? micros(arrival, 50) : Double.NaN, stamped ? micros(arrival, 99) : Double.NaN,
                        stamped ? micros(arrival, 100) : Double.NaN);
                results.seed.add(seed);
                log("seed: %-14s server hand-off to settled: p50 %.0f µs  p99 %.0f µs  max %.0f µs; "
                        + "arrival to settled: p50 %.0f µs  p99 %.0f µs  max %.0f µs; failures %d", c.name(),
                        seed.p50Micros(), seed.p99Micros(), seed.maxMicros(), seed.arrivalP50Micros(),
                        seed.arrivalP99Micros(), seed.arrivalMaxMicros(), failures);
            }
        }
    }

    private static long[] sortedPrefix(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double micros(long[] sortedNanos, double percentile) {
        return LatencyRecorder.percentileMillis(sortedNanos, percentile) * 1000;
    }

    /**
     * One seed call. {@code lags[0]}: nanoseconds from the server handing the response to the
     * background stream to the call settling; {@code lags[1]}: from the response's bytes arriving at
     * the client (read on the thread that settles the call) to the call settling.
     *
     * @return whether the call succeeded
     */
    private static boolean seedCall(BenchClient client, boolean blocking, boolean stamped, long[] lags) {
        try {
            long[] arrived = new long[1];
            Mono<?> call = stamped
                    ? client.call().doOnNext(r -> arrived[0] = ArrivalStamps.lastReadOnThisThread())
                    : client.call();
            Object result;
            long settled;
            if (blocking) {
                result = call.block(Duration.ofSeconds(10));
                settled = System.nanoTime();
            } else {
                long[] at = new long[1];
                result = call.doOnNext(r -> at[0] = System.nanoTime()).block(Duration.ofSeconds(10));
                settled = at[0];
            }
            String text = firstText(result);
            if (text == null || !text.startsWith("t=")) {
                return false;
            }
            lags[0] = settled - Long.parseLong(text.substring(2));
            lags[1] = settled - arrived[0];
            return true;
        } catch (RuntimeException e) {
            System.err.println("seed call failed: " + e);
            return false;
        }
    }

    private static String firstText(Object result) {
        if (result instanceof dev.mcpclient.schema.CallToolResult ours
                && ours.content().get(0) instanceof dev.mcpclient.schema.TextContent text) {
            return text.text();
        }
        if (result instanceof io.modelcontextprotocol.spec.McpSchema.CallToolResult sdk
                && sdk.content().get(0) instanceof io.modelcontextprotocol.spec.McpSchema.TextContent text) {
            return text.text();
        }
        return null;
    }

    // ------------------------------------------------------------------ time to first call

    /** One row of the time-to-first-call table: a contender on an endpoint, and whether each client meets the server anew. */
    private record FirstCallCase(String mode, Contender contender, String shown, boolean firstContact, double[] millis) {
    }

    /**
     * Time to first call: a new client, connected, one call, per case; the cases alternate, repetition
     * by repetition, so that a change in the machine's load touches all alike. "First contact": what
     * this library's clients remember of servers is forgotten before each client.
     */
    private void firstCall(BenchServer server) {
        int n = settings.ttfcRepetitions();
        List<FirstCallCase> cases = new ArrayList<>();
        if (eras.contains(Era.HANDSHAKE)) {
            // This library's client finds the era anew at first contact only: the probe's round trip, then the handshake.
            cases.add(new FirstCallCase("json", Contenders.FLOOR, Contenders.FLOOR.name(), false, new double[n]));
            cases.add(new FirstCallCase("json", Contenders.OURS_REACTIVE, "ours-reactive, era remembered", false, new double[n]));
            cases.add(new FirstCallCase("json", Contenders.OURS_REACTIVE, "ours-reactive, first contact", true, new double[n]));
            cases.add(new FirstCallCase("json", Contenders.SDK, Contenders.SDK.name(), false, new double[n]));
        }
        if (eras.contains(Era.MODERN)) {
            cases.add(new FirstCallCase("modern-json", Contenders.FLOOR, Contenders.FLOOR.name(), false, new double[n]));
            cases.add(new FirstCallCase("modern-json", Contenders.OURS_REACTIVE, Contenders.OURS_REACTIVE.name(), false,
                    new double[n]));
        }
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        for (FirstCallCase fc : cases) {
            before.put(fc.mode(), server.received(fc.mode()));
        }
        int unmeasured = Math.min(50, 5 * n);
        for (int i = -unmeasured; i < n; i++) { // a few clients each first, unmeasured: their connect paths get compiled
            for (FirstCallCase fc : cases) {
                String url = server.baseUrl() + "/" + fc.mode();
                if (fc.firstContact()) {
                    ServerEras.clear();
                }
                long start = System.nanoTime();
                BenchClient client = fc.contender().connect(url, Era.of(fc.mode()));
                client.call().block(Duration.ofSeconds(30));
                long elapsed = System.nanoTime() - start;
                client.close();
                if (i >= 0) {
                    fc.millis()[i] = elapsed / 1e6;
                }
            }
        }
        for (FirstCallCase fc : cases) {
            double[] millis = fc.millis();
            Arrays.sort(millis);
            Results.FirstCall result = new Results.FirstCall(fc.mode(), fc.shown(), n, millis[(n - 1) / 2], millis[0],
                    millis[n - 1]);
            results.firstCall.add(result);
            log("first call: %-11s %-29s median %.1f ms (min %.1f, max %.1f)", fc.mode(), fc.shown(),
                    result.medianMillis(), result.minMillis(), result.maxMillis());
        }
        before.forEach((mode, counts) -> log("first call: %s received %s from %d clients per case", mode,
                difference(server.received(mode), counts), n + unmeasured));
    }

    // ------------------------------------------------------------------ retained heap

    private void heap() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            String url = server.baseUrl() + "/hold";
            for (Contender c : List.of(Contenders.FLOOR, Contenders.OURS_REACTIVE, Contenders.SDK)) {
                results.heap.add(heap(server, url, c, settings.heapCalls()));
            }
        }
    }

    private static Results.Heap heap(ChildServer server, String url, Contender c, int calls) throws Exception {
        server.release();
        try (BenchClient client = c.connect(url)) {
            for (int i = 0; i < 200; i++) {
                client.call().block(Duration.ofSeconds(30));
            }
            server.hold();
            long baseline = Heap.usedAfterGc();
            LongAdder done = new LongAdder();
            LongAdder failed = new LongAdder();
            for (int i = 0; i < calls; i++) {
                Mono<?> call = client.call();
                call.subscribe(v -> done.increment(), e -> {
                    failed.increment();
                    done.increment();
                });
            }
            int onWire = waitUntilStable(server);
            long used = Heap.usedAfterGc();
            server.release();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (done.sum() < calls && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (done.sum() < calls || failed.sum() > 0) {
                System.err.printf("heap: %s: %d of %d calls settled, %d failed%n", c.name(), done.sum(), calls,
                        failed.sum());
            }
            Results.Heap heap = new Results.Heap(c.name(), calls, onWire, used - baseline,
                    (double) (used - baseline) / calls);
            log("heap: %-14s retains %,.0f bytes per call in flight (%d calls, %d on the wire)", c.name(),
                    heap.bytesPerCall(), calls, onWire);
            return heap;
        }
    }

    /** Waits until the server's count of held calls stops growing; returns it. */
    private static int waitUntilStable(ChildServer server) throws Exception {
        int last = -1;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int now = server.held();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(1000)) {
                return now;
            }
            Thread.sleep(100);
        }
        return last;
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", Instant.now().toString());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpuModel", cpuModel());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}

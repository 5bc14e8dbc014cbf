package dev.mcpclient.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders results as JSON and as Markdown tables with the ratios and the targets. */
final class Report {

    static final String FLOOR = "floor";
    static final String FLOOR_BLOCKING = "floor-blocking";
    static final String CONTROL = "control";
    static final String CONTROL_BLOCKING = "control-blocking";
    static final String OURS_REACTIVE = "ours-reactive";
    static final String OURS_BLOCKING = "ours-blocking";
    static final String OURS_PINNED = "ours-pinned";
    static final String SDK = "java-sdk";

    private Report() {
    }

    static Results read(String json) {
        return JsonMapper.builder().build().readValue(json, Results.class);
    }

    static String json(Results results) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(results);
    }

    /** The floor each of our contenders is held to: the bare client driven the same way. */
    static String floorOf(String contender) {
        return contender.endsWith("-blocking") ? FLOOR_BLOCKING : FLOOR;
    }

    static Optional<Results.Load> load(Results r, String mode, int n, String contender) {
        return r.load.stream().filter(l -> l.mode().equals(mode) && l.concurrency() == n && l.contender().equals(contender))
                .findFirst();
    }

    /** The ratio a / b per round (rounds are interleaved, so paired), as mean ± sd. */
    static Optional<Stats> ratio(Results r, String mode, int n, String a, String b,
            ToDoubleFunction<Results.Round> value) {
        Optional<Results.Load> la = load(r, mode, n, a);
        Optional<Results.Load> lb = load(r, mode, n, b);
        if (la.isEmpty() || lb.isEmpty()) {
            return Optional.empty();
        }
        int rounds = Math.min(la.get().rounds().size(), lb.get().rounds().size());
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = value.applyAsDouble(la.get().rounds().get(i)) / value.applyAsDouble(lb.get().rounds().get(i));
        }
        return Optional.of(Stats.ofValues(ratios));
    }

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("### Run\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| profile | ").append(r.profile).append(" |\n");
        r.machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');

        List<Integer> concurrencies = r.load.stream().map(Results.Load::concurrency).distinct().sorted().toList();
        List<String> modes = r.load.stream().map(Results.Load::mode).distinct().toList();
        for (String mode : modes) {
            md.append("### Throughput and latency: ").append(title(mode)).append("\n\n");
            md.append("| callers | contender | calls/s | p50 ms | p99 ms | calls/s vs its floor | calls/s vs java-sdk | p99 vs its floor |\n");
            md.append("|---:|---|---:|---:|---:|---:|---:|---:|\n");
            for (int n : concurrencies) {
                for (Results.Load l : r.load) {
                    if (!l.mode().equals(mode) || l.concurrency() != n) {
                        continue;
                    }
                    String c = l.contender();
                    String floor = floorOf(c);
                    md.append("| ").append(n).append(" | ").append(c)
                            .append(" | ").append(Stats.of(l.rounds(), Results.Round::callsPerSecond).format("%,.0f"))
                            .append(" | ").append(Stats.of(l.rounds(), Results.Round::p50Millis).format("%.3f"))
                            .append(" | ").append(Stats.of(l.rounds(), Results.Round::p99Millis).format("%.3f"))
                            .append(" | ").append(c.startsWith("floor") ? "" : fmt(ratio(r, mode, n, c, floor, Results.Round::callsPerSecond), "×"))
                            .append(" | ").append(c.equals(SDK) || c.startsWith("floor") ? "" : fmt(ratio(r, mode, n, c, SDK, Results.Round::callsPerSecond), "×"))
                            .append(" | ").append(c.startsWith("floor") ? "" : fmt(ratio(r, mode, n, c, floor, Results.Round::p99Millis), "×"))
                            .append(" |\n");
                }
            }
            md.append('\n');
        }
        if (!r.load.isEmpty()) {
            md.append("Mean ± standard deviation over the measured rounds; ratios are taken round by round (each round "
                    + "measures every contender in turn) and then averaged. \"Its floor\" is `floor` for reactive "
                    + "contenders and `floor-blocking` for blocking ones. On the modern endpoints (MCP 2026-07-28, "
                    + "stateless) the floors post the same modern request as this library (`_meta` and headers "
                    + "included) and the Java SDK, which speaks only the handshake era, does not run.\n\n");
        }

        if (r.load.stream().anyMatch(Report::hasClientCpu)) {
            md.append("### Client CPU time per call in the load rounds\n\n");
            md.append("| endpoint | callers | contender | client CPU µs/call | vs its floor | median ratio |\n"
                    + "|---|---:|---|---:|---:|---:|\n");
            for (String mode : modes) {
                for (int n : concurrencies) {
                    for (Results.Load l : r.load) {
                        if (!l.mode().equals(mode) || l.concurrency() != n || !hasClientCpu(l)) {
                            continue;
                        }
                        String c = l.contender();
                        md.append("| ").append(mode).append(" | ").append(n).append(" | ").append(c)
                                .append(" | ").append(Stats.of(l.rounds(), Results.Round::clientCpuMicros).format("%.1f"))
                                .append(" | ").append(c.startsWith("floor") ? ""
                                        : fmt(ratio(r, mode, n, c, floorOf(c), Results.Round::clientCpuMicros), "×"))
                                .append(" | ").append(c.startsWith("floor") ? ""
                                        : ratio(r, mode, n, c, floorOf(c), Results.Round::clientCpuMicros)
                                                .map(x -> String.format(Locale.ROOT, "%.2f×", x.median())).orElse(""))
                                .append(" |\n");
                    }
                }
            }
            md.append("\nThe CPU time of every thread of the JVM but the server's during each measured window, divided by "
                    + "the calls completed in it; mean ± standard deviation over the rounds, ratios round by round (and "
                    + "their median, which a burst of load from outside moves least). The rounds alternate the contenders, "
                    + "each round starting one further on, so a change in the machine's load touches all alike.\n\n");
        }

        if (!r.allocation.isEmpty()) {
            md.append("### Heap allocated and CPU time used per call\n\n");
            md.append("| endpoint | contender | bytes/call | vs java-sdk | client CPU µs/call | CPU vs its floor | calls measured |\n"
                    + "|---|---|---:|---:|---:|---:|---:|\n");
            for (Results.Allocation a : r.allocation) {
                Optional<Results.Allocation> sdk = allocation(r, a.mode(), SDK);
                Optional<Results.Allocation> floor = allocation(r, a.mode(), floorOf(a.contender()));
                md.append("| ").append(a.mode()).append(" | ").append(a.contender())
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", a.bytesPerCall()))
                        .append(" | ").append(sdk.map(s -> String.format(Locale.ROOT, "%.2f×", a.bytesPerCall() / s.bytesPerCall())).orElse(""))
                        .append(" | ").append(String.format(Locale.ROOT, "%.1f", a.cpuMicrosPerCall()))
                        .append(" | ").append(a.contender().startsWith("floor") ? "" : floor.map(f -> String.format(
                                Locale.ROOT, "%.2f×", a.cpuMicrosPerCall() / f.cpuMicrosPerCall())).orElse(""))
                        .append(" | ").append(a.calls()).append(" |\n");
            }
            md.append("\n`com.sun.management.ThreadMXBean#getThreadAllocatedBytes` summed over every thread of the JVM "
                    + "except the server's event loops (so client event loops, the JDK HttpClient's threads, Reactor's "
                    + "schedulers and the callers count), 16 callers, divided by the calls completed. CPU time the same way, "
                    + "from `getThreadCpuTime`: what one call costs the client, whatever else the machine is doing.\n\n");
        }

        if (!r.heap.isEmpty()) {
            md.append("### Heap retained per call in flight\n\n");
            md.append("| contender | calls in flight | of them at the server | retained | per call |\n|---|---:|---:|---:|---:|\n");
            for (Results.Heap h : r.heap) {
                md.append("| ").append(h.contender()).append(" | ").append(String.format(Locale.ROOT, "%,d", h.calls()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", h.onWire()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.1f MiB", h.retainedBytes() / 1048576.0))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f bytes", h.bytesPerCall())).append(" |\n");
            }
            md.append("\nUsed heap after full GCs with the calls held open by a server in a child JVM, minus the same "
                    + "before the calls were made. Calls not yet at the server wait for a connection in the client's pool.\n\n");
        }

        if (!r.firstCall.isEmpty()) {
            md.append("### Time to first call\n\n");
            md.append("| endpoint | contender | median ms | min ms | max ms | repetitions |\n|---|---|---:|---:|---:|---:|\n");
            for (Results.FirstCall f : r.firstCall) {
                md.append("| ").append(f.mode() == null ? "json" : f.mode()).append(" | ").append(f.contender())
                        .append(String.format(Locale.ROOT, " | %.1f | %.1f | %.1f | %d |%n", f.medianMillis(),
                                f.minMillis(), f.maxMillis(), f.repetitions()));
            }
            md.append("\nA new client (its own connection pool), connected, one `tools/call`, in a warm JVM. Handshake "
                    + "era: `initialize`, `notifications/initialized`, the call; this library first sends "
                    + "`server/discover` to a server it has not met (\"first contact\", answered 400 by this one), and "
                    + "no more once it knows the server speaks the handshake era (\"era remembered\"). Modern era: "
                    + "`server/discover`, the call.\n\n");
        }

        if (!r.seed.isEmpty()) {
            md.append("### Seed race: response on the background stream\n\n");
            md.append("| contender | calls | failed | arrival → settled p50 µs | p99 µs | max µs "
                    + "| server hand-off → settled p50 µs | p99 µs | max µs |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Results.Seed s : r.seed) {
                md.append("| ").append(s.contender())
                        .append(String.format(Locale.ROOT, " | %d | %d | %s | %s | %s | %.0f | %.0f | %.0f |%n", s.calls(),
                                s.failures(), orDash(s.arrivalP50Micros()), orDash(s.arrivalP99Micros()),
                                orDash(s.arrivalMaxMicros()), s.p50Micros(), s.p99Micros(), s.maxMicros()));
            }
            md.append("\nThe POST's stream carries only a priming event (`retry: 0`) and ends; the resumption GET is held "
                    + "open with nothing; the response goes out on the background GET stream. *Arrival → settled*: from "
                    + "the client's event loop reading the response's bytes off the socket (a stamping handler first in "
                    + "the pipeline) to the call settling (the reactive result emitted; the blocking call returned). "
                    + "*Server hand-off → settled*: from the server handing the response to the background stream "
                    + "(`System.nanoTime()` in the same JVM) to the call settling; it adds the server's write, the "
                    + "loopback and the wait for an event-loop thread to be scheduled. The Java SDK's JDK HttpClient "
                    + "cannot be stamped.\n\n");
        }

        if (!r.micro.isEmpty()) {
            md.append("### Micro-benchmarks (JMH)\n\n");
            md.append("| benchmark | params | ops/s | MB/s |\n|---|---|---:|---:|\n");
            for (Results.Micro m : r.micro) {
                md.append("| ").append(m.benchmark()).append(" | ").append(m.params())
                        .append(String.format(Locale.ROOT, " | %,.0f ± %,.0f | %s |%n", m.opsPerSecond(), m.error(),
                                m.megabytesPerSecond() == 0 ? "—" : String.format(Locale.ROOT, "%,.1f", m.megabytesPerSecond())));
            }
            md.append("\nMB/s: the input's (or, for encoding, the output's) bytes per operation times operations per "
                    + "second; ± is JMH's 99.9 % confidence half-width (0 when too few iterations). CallPathBenchmark: "
                    + "whole calls on a transport that answers in memory, so `transportOnly` against `blocking` and "
                    + "`reactive` is what the session and the client add to a call.\n\n");
        }

        md.append(targets(r));
        return md.toString();
    }

    static String targets(Results r) {
        List<String[]> rows = new ArrayList<>();
        List<String> modes = r.load.stream().map(Results.Load::mode).distinct().toList();
        List<Integer> concurrencies = r.load.stream().map(Results.Load::concurrency).distinct().sorted().toList();
        for (String ours : List.of(OURS_REACTIVE, OURS_BLOCKING, OURS_PINNED)) {
            String floor = floorOf(ours);
            for (String mode : modes) {
                for (int n : concurrencies) {
                    if (n >= 16) {
                        ratio(r, mode, n, ours, floor, Results.Round::callsPerSecond).ifPresent(s -> rows.add(row(
                                "calls/s ≥ 0.9× " + floor, ours, mode, n, s, s.mean() >= 0.9)));
                        ratio(r, mode, n, ours, SDK, Results.Round::callsPerSecond).ifPresent(s -> rows.add(row(
                                "calls/s ≥ 1.5× java-sdk", ours, mode, n, s, s.mean() >= 1.5)));
                        if (load(r, mode, n, ours).filter(Report::hasClientCpu).isPresent()) {
                            ratio(r, mode, n, ours, floor, Results.Round::clientCpuMicros).ifPresent(s -> rows.add(row(
                                    "client CPU/call in the rounds ≤ 1.1× " + floor, ours, mode, n, s, s.mean() <= 1.1)));
                        }
                    }
                    ratio(r, mode, n, ours, floor, Results.Round::p99Millis).ifPresent(s -> rows.add(row(
                            "p99 ≤ 1.2× " + floor, ours, mode, n, s, s.mean() <= 1.2)));
                }
            }
        }
        // Not a target: the same checks for clients identical to the floors, to read the ones above against.
        for (String control : List.of(CONTROL, CONTROL_BLOCKING)) {
            String floor = floorOf(control);
            for (String mode : modes) {
                for (int n : concurrencies) {
                    if (n >= 16) {
                        ratio(r, mode, n, control, floor, Results.Round::callsPerSecond).ifPresent(s -> rows.add(reference(
                                "(reference) calls/s vs " + floor, control, mode, n, s, s.mean() >= 0.9 ? "≥ 0.9×" : "**< 0.9×**")));
                    }
                    ratio(r, mode, n, control, floor, Results.Round::p99Millis).ifPresent(s -> rows.add(reference(
                            "(reference) p99 vs " + floor, control, mode, n, s, s.mean() <= 1.2 ? "≤ 1.2×" : "**> 1.2×**")));
                }
            }
        }
        for (Results.Allocation a : r.allocation) {
            if (a.contender().startsWith("ours")) {
                String floor = floorOf(a.contender());
                allocation(r, a.mode(), floor).ifPresent(f -> rows.add(new String[] {"client CPU/call (allocation phase) ≤ 1.1× " + floor,
                        a.contender(), a.mode(), Integer.toString(a.concurrency()),
                        String.format(Locale.ROOT, "%.1f vs %.1f µs (%.2f×)", a.cpuMicrosPerCall(), f.cpuMicrosPerCall(),
                                a.cpuMicrosPerCall() / f.cpuMicrosPerCall()),
                        a.cpuMicrosPerCall() <= 1.1 * f.cpuMicrosPerCall() ? "met" : "**missed**"}));
                r.allocation.stream().filter(x -> x.mode().equals(a.mode()) && x.contender().equals(SDK)).findFirst()
                        .ifPresent(sdk -> rows.add(new String[] {"bytes/call ≤ java-sdk", a.contender(), a.mode(), "16",
                                String.format(Locale.ROOT, "%,.0f vs %,.0f", a.bytesPerCall(), sdk.bytesPerCall()),
                                a.bytesPerCall() <= sdk.bytesPerCall() ? "met" : "**missed**"}));
            }
        }
        for (Results.Seed s : r.seed) {
            if (s.contender().startsWith("ours")) {
                rows.add(new String[] {"seed race: arrival → settled p99 ≤ 1 ms", s.contender(), "seed", "1",
                        String.format(Locale.ROOT, "%.0f µs", s.arrivalP99Micros()),
                        s.arrivalP99Micros() <= 1000 && s.failures() == 0 ? "met" : "**missed**"});
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Targets\n\n| target | contender | endpoint | callers | measured | |\n"
                + "|---|---|---|---:|---:|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        long missed = rows.stream().filter(x -> x[5].contains("missed")).count();
        long checks = rows.stream().filter(x -> !x[0].startsWith("(reference)")).count();
        md.append('\n').append(missed == 0 ? "Every target met." : missed + " of " + checks + " target checks missed.")
                .append("\n");
        return md.toString();
    }

    /** Whether the load's rounds measured the client's CPU (runs before it was measured did not). */
    static boolean hasClientCpu(Results.Load load) {
        return load.rounds().stream().allMatch(x -> x.clientCpuMicros() > 0);
    }

    static Optional<Results.Allocation> allocation(Results r, String mode, String contender) {
        return r.allocation.stream().filter(x -> x.mode().equals(mode) && x.contender().equals(contender)).findFirst();
    }

    /** The heading of an endpoint's tables: its era and how it answers. */
    static String title(String mode) {
        String answer = Era.answer(mode).equals("json") ? "JSON" : "an SSE stream (a progress event, then the response)";
        return Era.of(mode) == Era.MODERN
                ? "modern era (2026-07-28, stateless), `tools/call` answered with " + answer
                : "handshake era (2025-11-25, a session), `tools/call` answered with " + answer;
    }

    private static String orDash(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** A row for a control, a client identical to its floor: what the run resolves, not a target. */
    private static String[] reference(String what, String control, String mode, int n, Stats s, String verdict) {
        return new String[] {what, control, mode, Integer.toString(n), withMedian(s), verdict};
    }

    private static String[] row(String target, String contender, String mode, int n, Stats s, boolean met) {
        return new String[] {target, contender, mode, Integer.toString(n), withMedian(s), met ? "met" : "**missed**"};
    }

    /** A ratio's mean ± sd, and its median when there are more than two rounds. */
    private static String withMedian(Stats s) {
        return s.format("%.2f") + "×" + (s.n() > 2 ? String.format(Locale.ROOT, " (median %.2f×)", s.median()) : "");
    }

    private static String fmt(Optional<Stats> s, String suffix) {
        return s.map(x -> x.format("%.2f") + suffix).orElse("");
    }
}

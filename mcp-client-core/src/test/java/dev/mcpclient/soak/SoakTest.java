package dev.mcpclient.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.internal.session.ServerEras;
import dev.mcpclient.support.NettyLeaks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak: minutes of calls from many blocking and reactive callers on servers of both eras
 * (2025-11-25 with sessions, 2026-07-28 stateless) that answer slowly, wrongly or not at all
 * ({@link Fault}), while they restart, expire sessions, go through broken phases and see their
 * clients replaced ({@link TroubleSchedule}). All of it drawn from one seed.
 *
 * <p>Not part of the build's test run (tag {@code soak}, excluded by default). Run it with
 * <pre>./mvnw -B -o -pl mcp-client-core -am test -Dsoak</pre>
 * and {@code -Dsoak.duration=PT10M}, {@code -Dsoak.seed=...} and the other settings of
 * {@link SoakConfig}. See docs/reliability.md (Soak).
 *
 * <p>Fails on: a call settled twice, hung beyond its timeout, or ended in a way neither its fault
 * nor a trouble it met explains; a pending entry left; an exchange left open on a server; a
 * connection left open once the clients closed; a Netty leak report (the detector is paranoid in
 * every test JVM); an error Reactor dropped; an error of a server's handlers; the heap more than
 * the margin above its baseline after the run.
 */
@Tag("soak")
class SoakTest {

    @Test
    void everyCallSettlesOnceAndNothingIsLeftAfterMinutesOfTroubledServers() throws Exception {
        SoakConfig config = SoakConfig.fromSystemProperties();
        ServerEras.clear();
        List<String> problems = new ArrayList<>();
        try (SoakLog log = SoakLog.capture()) {
            log.mute();
            String report;
            long heapBefore;
            long heapAfter;
            SoakRun run;
            try {
                SoakRun warmUp = new SoakRun(config.warmUp(), TroubleSchedule.none());
                warmUp.run();
                warmUp.problems.forEach(p -> problems.add("warm-up: " + p));
                warmUp.ledger.findings.forEach(f -> problems.add("warm-up: " + f));

                heapBefore = heapAfterGc();
                int threadsBefore = threads();
                run = new SoakRun(config, TroubleSchedule.draw(config.seed(), config.duration(), config.servers()));
                run.run();
                NettyLeaks.provokeReports();
                heapAfter = heapAfterGc();
                report = report(config, run, log, heapBefore, heapAfter, threadsBefore, threads());
            } finally {
                log.unmute();
            }
            System.out.println(report);

            problems.addAll(run.problems);
            problems.addAll(run.ledger.findings);
            if (run.ledger.findingCount() > run.ledger.findings.size()) {
                problems.add((run.ledger.findingCount() - run.ledger.findings.size()) + " more findings not shown");
            }
            problems.addAll(log.leaks);
            log.dropped.forEach(e -> problems.add("error dropped by Reactor (nobody observed it): " + e));
            if (heapAfter > heapBefore + config.heapMarginBytes()) {
                problems.add("heap " + mib(heapAfter) + " after the run, more than " + mib(config.heapMarginBytes())
                        + " above its baseline " + mib(heapBefore));
            }
            assertThat(run.ledger.settled.sum()).as("calls settled").isEqualTo(run.ledger.started.sum());
            assertThat(run.ledger.started.sum()).as("calls made").isGreaterThan(0);
            assertThat(run.ledger.unexplained.sum() + run.ledger.hung.get() + run.ledger.settledTwice.get())
                    .as("unexplained, hung and twice settled calls").isZero();
            assertThat(run.callsInFlightLeft).as("pending entries left").isZero();
            assertThat(log.leaks).as("Netty leak reports").isEmpty();
            assertThat(problems).as("what the soak found").isEmpty();
        }
    }

    private static String report(SoakConfig config, SoakRun run, SoakLog log, long heapBefore, long heapAfter,
            int threadsBefore, int threadsAfter) {
        Ledger l = run.ledger;
        StringBuilder out = new StringBuilder();
        out.append("\n==== Soak: seed ").append(config.seed()).append(", ").append(config.duration())
                .append(" (ran ").append(run.elapsed.toMillis() / 1000.0).append(" s), ")
                .append(config.servers()).append(" servers (").append((config.servers() + 1) / 2).append(" in 2025-11-25, ")
                .append(config.servers() / 2).append(" in 2026-07-28), ").append(config.blockingCallers())
                .append(" blocking + ").append(config.reactiveCallers()).append(" reactive callers, request timeout ")
                .append(config.requestTimeout().toSeconds()).append(" s\n");
        out.append("calls: ").append(l.started.sum()).append(" made, ").append(l.settled.sum()).append(" settled (blocking ")
                .append(l.blocking.sum()).append(", reactive ").append(l.reactive.sum()).append("), settled twice ")
                .append(l.settledTwice.get()).append(", hung ").append(l.hung.get()).append('\n');
        out.append("  as their fault implies ").append(l.expected.sum()).append(", failed by a trouble they met ")
                .append(l.excused.sum()).append(", unexplained ").append(l.unexplained.sum()).append('\n');
        out.append("  failed by a trouble, by trouble: ").append(largestFirst(l.excusedBy())).append('\n');
        out.append("  by outcome: ").append(largestFirst(l.byOutcome())).append('\n');
        out.append("  by era: ").append(largestFirst(l.byEra())).append('\n');
        out.append("  by fault:\n");
        l.byFault().forEach((fault, outcomes) -> out.append("    ").append(fault).append(' ')
                .append(outcomes.values().stream().mapToLong(Long::longValue).sum()).append(": ").append(outcomes)
                .append('\n'));
        out.append("troubles: ").append(run.troublesDone).append(", 503 answers in broken phases ").append(run.brokenAnswers)
                .append('\n');
        out.append("latency: max ").append(l.maxLatencyMillis.get()).append(" ms; longest beyond its own timeout ")
                .append(Math.max(0, l.maxOvershootMillis.get())).append(" ms\n");
        out.append("clients: responses nobody waited for (dropped) ").append(run.droppedResponses)
                .append(", streams reopened ").append(run.reconnects).append(", pending entries left ")
                .append(run.callsInFlightLeft).append('\n');
        out.append("exchanges left open: ").append(run.openExchanges.size()).append('\n');
        out.append("connections: before ").append(run.connectionsBefore).append(", peak ").append(run.peakConnections.get())
                .append(", idle with clients open ").append(run.connectionsIdle).append(" (background streams ")
                .append(run.streamsIdle).append("), after closing ").append(run.connectionsAfter).append('\n');
        out.append("heap after GC: baseline ").append(mib(heapBefore)).append(", after ").append(mib(heapAfter))
                .append(" (margin ").append(mib(config.heapMarginBytes())).append(")\n");
        out.append("threads: before ").append(threadsBefore).append(", after ").append(threadsAfter).append('\n');
        out.append("log: leak reports ").append(log.leaks.size()).append(", errors dropped by Reactor ")
                .append(log.droppedCount.sum()).append(", lines at WARN and above:\n");
        log.warnings().forEach((key, text) -> out.append("    ").append(key).append(": ").append(text).append('\n'));
        List<String> problems = new ArrayList<>(run.problems);
        problems.addAll(l.findings);
        out.append("problems: ").append(problems.isEmpty() ? "none" : problems.stream()
                .collect(Collectors.joining("\n    ", "\n    ", ""))).append('\n');
        return out.toString();
    }

    /**
     * The heap in use after collecting garbage: the least of a few readings, each right after
     * {@code System.gc()} ({@link Runtime}: the tests run in the module, which does not read
     * {@code java.management}).
     */
    private static long heapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200); // lets reference processing and cleaners run between collections
            least = Math.min(least, runtime.totalMemory() - runtime.freeMemory());
        }
        return least;
    }

    private static int threads() {
        return Thread.getAllStackTraces().size();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** For messages: the counts of a map, largest first. */
    static String largestFirst(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}

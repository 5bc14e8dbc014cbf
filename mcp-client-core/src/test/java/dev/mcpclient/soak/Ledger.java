package dev.mcpclient.soak;

import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpException;
import dev.mcpclient.McpSessionExpiredException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The books of a soak run: every call started and how it settled, by outcome, by fault and by what it
 * met. A call settles exactly once; its outcome is one of three:
 * <ul>
 *   <li><b>expected</b>: what its {@link Fault} implies (its own result, or the planned error);</li>
 *   <li><b>excused</b>: a failure of a kind a trouble explains ({@link #EXCUSABLE}), on a call that met
 *       one: its server restarting, expiring sessions or broken, or its client closed under it;</li>
 *   <li><b>unexplained</b>: anything else (another call's result, an error of another type, a result
 *       where the fault must fail it); each is a finding, kept with its details.</li>
 * </ul>
 * Calls still in flight longer than their timeout and {@link SoakConfig#HANG_GRACE} are hung; a call
 * settling a second time is settled twice. Both are findings too.
 */
final class Ledger {

    /**
     * What a call that met a trouble may fail with: the connection, the session, the client closing. Not
     * its timeout: a restart, an expiry or a broken phase fails a call at once or not at all, so a call
     * waiting for its whole timeout is a finding (a connection nobody answers or closes, a hang).
     */
    static final List<Class<? extends McpException>> EXCUSABLE = List.of(McpTransportException.class,
            McpSessionExpiredException.class, McpClientClosedException.class);

    private static final int KEPT_FINDINGS = 40;

    /** One call in flight. */
    static final class Call {
        final CallPlan plan;
        final SoakServer server;
        final ClientSlot.Handle client;
        final boolean reactive;
        final Duration timeout;
        final long startNanos = System.nanoTime();
        final AtomicInteger settlements = new AtomicInteger();
        volatile boolean reportedHung;

        Call(CallPlan plan, SoakServer server, ClientSlot.Handle client, boolean reactive, Duration timeout) {
            this.plan = plan;
            this.server = server;
            this.client = client;
            this.reactive = reactive;
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "call " + plan.n() + " (" + plan.fault() + ", " + (reactive ? "reactive" : "blocking") + ", "
                    + server.name() + ", timeout " + timeout.toMillis() + " ms)";
        }
    }

    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    final LongAdder started = new LongAdder();
    final LongAdder settled = new LongAdder();
    final LongAdder blocking = new LongAdder();
    final LongAdder reactive = new LongAdder();
    final LongAdder expected = new LongAdder();
    final LongAdder excused = new LongAdder();
    final LongAdder unexplained = new LongAdder();
    final AtomicLong settledTwice = new AtomicLong();
    final AtomicLong hung = new AtomicLong();
    final LongAccumulator maxLatencyMillis = new LongAccumulator(Math::max, 0);
    /** The longest a call took beyond its own timeout (0 if none did). */
    final LongAccumulator maxOvershootMillis = new LongAccumulator(Math::max, 0);
    private final Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();
    private final Map<Fault, Map<String, LongAdder>> byFault = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byEra = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> excusedBy = new ConcurrentHashMap<>();
    /** The first findings, with their details. */
    final List<String> findings = new CopyOnWriteArrayList<>();
    private final AtomicLong findingCount = new AtomicLong();

    Call start(CallPlan plan, SoakServer server, ClientSlot.Handle client, boolean reactive, Duration timeout) {
        Call call = new Call(plan, server, client, reactive, timeout);
        inFlight.add(call);
        started.increment();
        (reactive ? this.reactive : blocking).increment();
        return call;
    }

    /** Books the outcome of {@code call}: its result or its error (exactly one of them non-null). */
    void settle(Call call, CallToolResult result, Throwable error) {
        long end = System.nanoTime();
        if (call.settlements.incrementAndGet() > 1) {
            settledTwice.incrementAndGet();
            finding("settled twice: " + call + " with " + (error != null ? error : "a result"));
            return;
        }
        inFlight.remove(call);
        settled.increment();
        long millis = Duration.ofNanos(end - call.startNanos).toMillis();
        maxLatencyMillis.accumulate(millis);
        maxOvershootMillis.accumulate(millis - call.timeout.toMillis());

        String outcome = outcome(call, result, error);
        count(byOutcome, outcome);
        count(byFault.computeIfAbsent(call.plan.fault(), f -> new ConcurrentHashMap<>()), outcome);
        count(byEra, (call.server.modern ? "2026-07-28 " : "2025-11-25 ") + (error == null ? "result" : "error"));

        TroubleSchedule.Kind trouble;
        if (error == null ? call.plan.fault().succeeds() && outcome.equals("result")
                : call.plan.fault().expects(error, call.server.modern, call.plan.n())) {
            expected.increment();
        } else if (error != null && (trouble = excusingTrouble(call, error, end)) != null) {
            excused.increment();
            count(excusedBy, trouble + ": " + outcome);
        } else {
            unexplained.increment();
            finding("unexplained outcome of " + call + " after " + millis + " ms (troubles met, from its start: "
                    + call.server.troubles.describe(call.startNanos, end)
                    + (call.client.closedBefore(end) ? ", its client closed" : "") + "): " + outcome
                    + (error != null ? ": " + error : "") + (error != null && error.getCause() != null
                            ? " (cause: " + error.getCause() + ")" : ""));
        }
    }

    private static String outcome(Call call, CallToolResult result, Throwable error) {
        if (error != null) {
            return error.getClass().getSimpleName();
        }
        String text = result.content().isEmpty() || !(result.content().get(0) instanceof TextContent t) ? null : t.text();
        return call.plan.resultText().equals(text) ? "result" : "wrong result: " + text;
    }

    /**
     * The trouble that explains {@code error}, or {@code null}: its client closed under it, its server
     * restarting or broken while it ran. An expiry of the sessions is felt by no call but one resuming
     * its stream ({@link Fault#DROP_RECOVERED}), whose resumption names the session forgotten: the
     * session is renewed under every other call.
     */
    private static TroubleSchedule.Kind excusingTrouble(Call call, Throwable error, long end) {
        if (EXCUSABLE.stream().noneMatch(type -> type.isInstance(error))) {
            return null;
        }
        if (call.client.closedBefore(end)) {
            return TroubleSchedule.Kind.REPLACE_CLIENT;
        }
        Set<TroubleSchedule.Kind> met = call.server.troubles.met(call.startNanos, end);
        if (met.contains(TroubleSchedule.Kind.RESTART)) {
            return TroubleSchedule.Kind.RESTART;
        }
        if (met.contains(TroubleSchedule.Kind.BROKEN_PHASE)) {
            return TroubleSchedule.Kind.BROKEN_PHASE;
        }
        if (met.contains(TroubleSchedule.Kind.EXPIRE_SESSIONS) && call.plan.fault() == Fault.DROP_RECOVERED
                && !call.server.modern) {
            return TroubleSchedule.Kind.EXPIRE_SESSIONS;
        }
        return null;
    }

    /** Marks the calls in flight longer than their timeout and the grace as hung; returns how many are in flight. */
    int checkHung() {
        long now = System.nanoTime();
        for (Call call : inFlight) {
            if (!call.reportedHung && now - call.startNanos > call.timeout.plus(SoakConfig.HANG_GRACE).toNanos()) {
                call.reportedHung = true;
                hung.incrementAndGet();
                finding("hung: " + call + " still unsettled after " + Duration.ofNanos(now - call.startNanos).toMillis()
                        + " ms");
            }
        }
        return inFlight.size();
    }

    List<Call> inFlight() {
        return new ArrayList<>(inFlight);
    }

    private void finding(String text) {
        if (findingCount.incrementAndGet() <= KEPT_FINDINGS) {
            findings.add(text);
        }
    }

    long findingCount() {
        return findingCount.get();
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    Map<String, Long> byOutcome() {
        return snapshot(byOutcome);
    }

    /** The excused failures by the trouble met and the outcome. */
    Map<String, Long> excusedBy() {
        return snapshot(excusedBy);
    }

    Map<String, Long> byEra() {
        return snapshot(byEra);
    }

    Map<Fault, Map<String, Long>> byFault() {
        Map<Fault, Map<String, Long>> copy = new TreeMap<>();
        byFault.forEach((fault, counts) -> copy.put(fault, snapshot(counts)));
        return copy;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}

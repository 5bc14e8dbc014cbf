package dev.mcpclient.soak;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.testserver.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One soak run: servers in both eras, two clients for each (one for the blocking callers, one for the
 * reactive ones), the callers calling {@code tools/call} in a loop until the duration is over while
 * the {@link TroubleSchedule} runs, then the checks of what must be left once the load stopped (with
 * the clients open, and after closing them).
 */
final class SoakRun {

    /** How long the checks wait for exchanges and connections to end once nothing calls any more. */
    private static final Duration SETTLING = Duration.ofSeconds(10);

    private final SoakConfig config;
    private final TroubleSchedule schedule;
    final Ledger ledger = new Ledger();
    private final AtomicLong nextCall = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<SoakServer> servers = new ArrayList<>();
    private final List<ClientSlot> slots = new ArrayList<>();

    // what the run measured and found
    int connectionsBefore;
    final LongAccumulator peakConnections = new LongAccumulator(Math::max, 0);
    int connectionsIdle;
    int connectionsAfter;
    long streamsIdle;
    int callsInFlightLeft;
    long droppedResponses;
    long reconnects;
    final List<String> problems = new ArrayList<>();
    final List<String> openExchanges = new ArrayList<>();
    Map<TroubleSchedule.Kind, Integer> troublesDone = Map.of();
    long brokenAnswers;
    Duration elapsed = Duration.ZERO;

    SoakRun(SoakConfig config, TroubleSchedule schedule) {
        this.config = config;
        this.schedule = schedule;
    }

    void run() throws Exception {
        for (int i = 0; i < config.servers(); i++) {
            servers.add(SoakServer.start(i, i % 2 == 1, config.seed()));
        }
        try {
            connectionsBefore = connections();
            for (SoakServer server : servers) {
                slots.add(new ClientSlot(server, false, config.requestTimeout()));
                slots.add(new ClientSlot(server, true, config.requestTimeout()));
            }
            try {
                load();
                checkWithClientsOpen();
            } finally {
                for (ClientSlot slot : slots) {
                    slot.close();
                    droppedResponses += slot.droppedResponsesOfClosed.get();
                    reconnects += slot.reconnectsOfClosed.get();
                }
            }
            checkAfterClientsClosed();
        } finally {
            for (SoakServer server : servers) {
                server.close();
                brokenAnswers += server.brokenAnswers.get();
                server.openAfterClose.forEach(open -> problems.add("exchange open after its server closed: " + open));
                server.handlerErrors.forEach(e -> problems.add("handler error on " + server.name() + ": " + e));
            }
        }
    }

    // ------------------------------------------------------------------ the load

    private void load() throws Exception {
        long start = System.nanoTime();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-monitor"));
        monitor.scheduleWithFixedDelay(() -> {
            ledger.checkHung();
            peakConnections.accumulate(connections());
        }, 500, 500, TimeUnit.MILLISECONDS);

        ExecutorService troubleMaker = Executors.newSingleThreadExecutor(r -> daemon(r, "soak-troubles"));
        CompletableFuture<Void> troubles = CompletableFuture.runAsync(() -> {
            try {
                schedule.run(start, stopping::get, this::cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, troubleMaker);

        ExecutorService blocking = Executors.newFixedThreadPool(config.blockingCallers(), r -> daemon(r, "soak-caller"));
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        for (int c = 0; c < config.blockingCallers(); c++) {
            Random random = new Random(config.seed() * 1_000_003 + c);
            callers.add(CompletableFuture.runAsync(() -> blockingCaller(random), blocking));
        }
        callers.add(Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> !stopping.get())
                .flatMap(this::reactiveCall, config.reactiveCallers(), 1)
                .then()
                .toFuture());

        Thread.sleep(config.duration().toMillis()); // the run's length, not an ordering of events
        stopping.set(true);

        // Every call ends by its timeout at the latest; what is still in flight after that and the grace hangs.
        Duration drain = config.requestTimeout().plus(SoakConfig.HANG_GRACE).plusSeconds(5);
        try {
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            problems.add("callers still waiting " + drain.toSeconds() + " s after the end: " + ledger.inFlight());
        }
        troubles.get(30, TimeUnit.SECONDS);
        elapsed = Duration.ofNanos(System.nanoTime() - start);
        troublesDone = schedule.done();
        monitor.shutdownNow();
        troubleMaker.shutdownNow();
        blocking.shutdownNow();
        if (ledger.checkHung() != 0) {
            problems.add("calls still in flight after the callers stopped: " + ledger.inFlight());
        }
    }

    private void blockingCaller(Random random) {
        while (!stopping.get()) {
            ClientSlot slot = slots.get(2 * random.nextInt(servers.size()));
            CallPlan plan = CallPlan.of(config.seed(), nextCall.getAndIncrement());
            ClientSlot.Handle client = slot.get();
            Ledger.Call call = ledger.start(plan, slot.server, client, false, plan.timeout(config.requestTimeout()));
            try {
                CallToolResult result = client.blocking.callTool("echo", Map.of("n", plan.n()), plan.options());
                ledger.settle(call, result, null);
            } catch (Throwable e) {
                ledger.settle(call, null, e);
            }
            pause(random.nextInt(config.pauseMillis()));
        }
    }

    private Mono<Void> reactiveCall(int i) {
        SplittableRandom random = new SplittableRandom(config.seed() * 7_000_003 + i);
        ClientSlot slot = slots.get(2 * random.nextInt(servers.size()) + 1);
        return Mono.delay(Duration.ofMillis(random.nextInt(config.pauseMillis()))).then(Mono.defer(() -> {
            CallPlan plan = CallPlan.of(config.seed(), nextCall.getAndIncrement());
            ClientSlot.Handle client = slot.get();
            Ledger.Call call = ledger.start(plan, slot.server, client, true, plan.timeout(config.requestTimeout()));
            AtomicBoolean value = new AtomicBoolean();
            return client.reactive.callTool("echo", Map.of("n", plan.n()), plan.options())
                    .doOnEach(signal -> {
                        if (signal.isOnNext()) {
                            value.set(true);
                            ledger.settle(call, signal.get(), null);
                        } else if (signal.isOnError()) {
                            ledger.settle(call, null, signal.getThrowable());
                        } else if (signal.isOnComplete() && !value.get()) {
                            ledger.settle(call, null, new IllegalStateException("the call completed without a result"));
                        }
                    })
                    .onErrorResume(e -> Mono.empty())
                    .then();
        }));
    }

    private void cause(TroubleSchedule.Trouble trouble) throws InterruptedException {
        switch (trouble.kind()) {
            case RESTART:
                servers.get(trouble.target()).restart(trouble.length());
                break;
            case EXPIRE_SESSIONS:
                servers.get(trouble.target()).expireSessions();
                break;
            case BROKEN_PHASE:
                servers.get(trouble.target()).breakFor(trouble.length());
                break;
            case REPLACE_CLIENT:
            default:
                slots.get(trouble.target()).replace();
                break;
        }
    }

    // ------------------------------------------------------------------ the checks

    private void checkWithClientsOpen() {
        for (ClientSlot slot : slots) {
            int left = slot.get().status().callsInFlight();
            callsInFlightLeft += left;
            if (left != 0) {
                problems.add(left + " pending entries left in the " + slot);
            }
        }
        for (SoakServer server : servers) {
            for (RecordedRequest open : server.awaitExchangesEndedBesidesStreams(SETTLING)) {
                openExchanges.add(server.name() + " with its clients open: " + open);
            }
            long streams = server.openStreams();
            streamsIdle += streams;
            if (streams > 2) { // one background stream per client of a 2025-11-25 server at most
                problems.add(streams + " background streams open on " + server.name());
            }
        }
        connectionsIdle = connections();
    }

    private void checkAfterClientsClosed() throws InterruptedException {
        for (SoakServer server : servers) {
            for (RecordedRequest open : server.awaitExchangesEnded(SETTLING)) {
                openExchanges.add(server.name() + " after its clients closed: " + open);
            }
        }
        long deadline = System.nanoTime() + SETTLING.toNanos();
        while ((connectionsAfter = connections()) > connectionsBefore && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a count that only falls; nothing is ordered by it
        }
        if (connectionsAfter != connectionsBefore) {
            problems.add(connectionsAfter + " connections open " + SETTLING.toSeconds() + " s after every client closed"
                    + " (before: " + connectionsBefore + ")");
        }
        problems.addAll(openExchanges);
    }

    private int connections() {
        int open = 0;
        for (SoakServer server : servers) {
            open += server.openConnections();
        }
        return open;
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis); // a caller's think time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    long callsMade() {
        return nextCall.get();
    }

    List<SoakServer> servers() {
        return servers;
    }

    List<ClientSlot> slots() {
        return slots;
    }
}

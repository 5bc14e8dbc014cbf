package dev.mcpclient.bench;

import dev.mcpclient.bench.clients.Contender;
import dev.mcpclient.bench.clients.Contenders;
import java.time.Duration;
import java.util.List;

/**
 * How long and how often to measure.
 *
 * @param profile {@code full}, {@code quick} or {@code smoke}
 * @param concurrency the numbers of concurrent callers
 * @param jitWarmup load on each contender, 16 callers, on each endpoint before anything is measured
 *     there: on a busy 2-core machine the JIT needs tens of seconds to compile the hot paths
 * @param warmup load on each contender before its first measured round, per endpoint and concurrency
 * @param rounds measured rounds; each round measures every contender in turn (interleaved, so that
 *     a change in machine load touches all of them alike)
 * @param ramp load before each measured window starts
 * @param measure the measured window of one round
 * @param allocation the window of the allocation measurement, per contender and endpoint
 * @param heapCalls calls held in flight for the retained-heap measurement
 * @param ttfcRepetitions new clients per contender for time to first call
 * @param seedCalls calls per contender in the seed race
 * @param jmhForks JMH forks (0: in this JVM)
 * @param jmhWarmups JMH warm-up iterations
 * @param jmhIterations JMH measured iterations
 * @param jmhIteration the length of one JMH iteration
 * @param contenders the load contenders
 */
record Settings(
        String profile,
        int[] concurrency,
        Duration jitWarmup,
        Duration warmup,
        int rounds,
        Duration ramp,
        Duration measure,
        Duration allocation,
        int heapCalls,
        int ttfcRepetitions,
        int seedCalls,
        int jmhForks,
        int jmhWarmups,
        int jmhIterations,
        Duration jmhIteration,
        List<Contender> contenders) {

    static Settings full() {
        return new Settings("full", new int[] {1, 16, 256}, Duration.ofSeconds(20), Duration.ofSeconds(3), 5, Duration.ofMillis(500),
                Duration.ofSeconds(4), Duration.ofSeconds(3), 10_000, 20, 2_000, 1, 3, 5, Duration.ofSeconds(1),
                Contenders.ALL);
    }

    static Settings quick() {
        return new Settings("quick", new int[] {1, 16, 256}, Duration.ofSeconds(2), Duration.ofMillis(300), 1, Duration.ofMillis(200),
                Duration.ofMillis(1000), Duration.ofMillis(700), 10_000, 5, 200, 0, 1, 2, Duration.ofMillis(300),
                Contenders.ALL);
    }

    static Settings smoke() {
        return new Settings("smoke", new int[] {1, 16, 256}, Duration.ofMillis(100), Duration.ofMillis(100), 1, Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofMillis(200), 1_000, 1, 20, 0, 1, 1, Duration.ofMillis(100),
                Contenders.ALL);
    }

    /** A copy limited to these contenders and concurrencies ({@code null}: all). */
    Settings narrowed(List<String> names, int[] callers) {
        List<Contender> chosen = names == null ? contenders : names.stream().map(Contenders::named).toList();
        return new Settings(profile, callers == null ? concurrency : callers, jitWarmup, warmup, rounds, ramp, measure, allocation,
                heapCalls, ttfcRepetitions, seedCalls, jmhForks, jmhWarmups, jmhIterations, jmhIteration, chosen);
    }

    /** A copy with {@code rounds} measured rounds of {@code measure} each ({@code null}: as they are). */
    Settings rounds(Integer rounds, Duration measure) {
        return new Settings(profile, concurrency, jitWarmup, warmup, rounds == null ? this.rounds : rounds, ramp,
                measure == null ? this.measure : measure, allocation, heapCalls, ttfcRepetitions, seedCalls, jmhForks,
                jmhWarmups, jmhIterations, jmhIteration, contenders);
    }

    static Settings named(String profile) {
        switch (profile) {
            case "full":
                return full();
            case "quick":
                return quick();
            case "smoke":
                return smoke();
            default:
                throw new IllegalArgumentException("unknown profile " + profile);
        }
    }
}

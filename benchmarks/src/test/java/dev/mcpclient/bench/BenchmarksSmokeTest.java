package dev.mcpclient.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.bench.clients.Contender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark for a moment (the {@code smoke} profile) so that none can rot: every scenario
 * runs, every call succeeds, every report is written. Asserts no timing.
 */
class BenchmarksSmokeTest {

    /** How many contender-endpoint pairs run: each contender on the endpoints of the eras it runs in. */
    private static long cells(Settings settings) {
        return BenchmarkMain.MODES.stream()
                .mapToLong(mode -> settings.contenders().stream().filter(c -> c.runsIn(Era.of(mode))).count()).sum();
    }

    @Test
    void everyScenarioRunsAndEveryCallSucceeds(@TempDir Path out) throws Exception {
        Settings settings = Settings.smoke();
        Results results = BenchmarkMain.run(settings, List.of(), BenchmarkMain.MODES, out);

        long cells = cells(settings);
        assertThat(results.load).hasSize((int) cells * settings.concurrency().length);
        assertThat(results.load.stream().map(Results.Load::mode).distinct()).containsExactlyElementsOf(BenchmarkMain.MODES);
        for (Results.Load load : results.load) {
            assertThat(load.rounds()).as("%s", load).isNotEmpty()
                    .allSatisfy(round -> assertThat(round.errors()).as("errors in %s", load).isZero());
        }
        // A slow contender may complete nothing inside a window this short at 256 callers; at 1 caller it must.
        assertThat(results.load.stream().filter(l -> l.concurrency() == 1))
                .allSatisfy(l -> assertThat(l.rounds().get(0).calls()).as("calls in %s", l).isPositive());
        assertThat(results.allocation).hasSize((int) cells)
                .allSatisfy(a -> assertThat(a.bytesPerCall()).isPositive());
        assertThat(results.seed).isNotEmpty().allSatisfy(s -> assertThat(s.failures()).as("%s", s).isZero());
        assertThat(results.firstCall.stream().map(Results.FirstCall::mode).distinct()).containsExactly("json", "modern-json");
        assertThat(results.heap).isNotEmpty().allSatisfy(h -> assertThat(h.onWire()).as("%s", h).isPositive());
        assertThat(results.micro).isNotEmpty().allSatisfy(m -> assertThat(m.opsPerSecond()).isPositive());
        for (String file : List.of("results.json", "results.md", "chart.svg")) {
            assertThat(Files.size(out.resolve(file))).as(file).isPositive();
        }
        assertThat(Files.readString(out.resolve("chart.svg"))).startsWith("<svg").contains("</svg>");
        for (Contender c : settings.contenders()) {
            assertThat(Files.readString(out.resolve("results.md"))).contains(c.name());
        }
    }

    @Test
    void theContendersRunOnlyWhenNamedWorkToo(@TempDir Path out) throws Exception {
        List<String> named = List.of("netty-floor", "transport", "transport-blocking", "ours-pinned");
        Settings settings = Settings.smoke().narrowed(named, new int[] {1, 16});
        Results results = BenchmarkMain.run(settings, List.of("seed", "first-call", "heap", "micro"), BenchmarkMain.MODES, out);

        assertThat(results.load).hasSize(BenchmarkMain.MODES.size() * 2 * named.size())
                .allSatisfy(load -> assertThat(load.rounds()).as("%s", load).isNotEmpty().allSatisfy(round -> {
                    assertThat(round.errors()).as("errors in %s", load).isZero();
                    assertThat(round.calls()).as("calls in %s", load).isPositive();
                }));
        assertThat(results.allocation).hasSize(BenchmarkMain.MODES.size() * named.size())
                .allSatisfy(a -> assertThat(a.bytesPerCall()).as("%s", a).isPositive());
    }
}

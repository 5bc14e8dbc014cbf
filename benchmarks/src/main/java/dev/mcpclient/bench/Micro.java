package dev.mcpclient.bench;

import dev.mcpclient.bench.micro.CallPathBenchmark;
import dev.mcpclient.bench.micro.Fixtures;
import dev.mcpclient.bench.micro.JsonRpcBenchmark;
import dev.mcpclient.bench.micro.SseDecodeBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH micro-benchmarks of {@code dev.mcpclient.bench.micro} and turns ops/s into MB/s. */
final class Micro {

    private Micro() {
    }

    static List<Results.Micro> run(Settings settings) throws RunnerException {
        BenchmarkMain.log("micro-benchmarks (JMH, %d fork(s), %d x %d ms warm-up, %d x %d ms measured)",
                settings.jmhForks(), settings.jmhWarmups(), settings.jmhIteration().toMillis(),
                settings.jmhIterations(), settings.jmhIteration().toMillis());
        TimeValue iteration = TimeValue.milliseconds(settings.jmhIteration().toMillis());
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include(SseDecodeBenchmark.class.getName())
                .include(JsonRpcBenchmark.class.getName())
                .include(CallPathBenchmark.class.getName())
                .forks(settings.jmhForks())
                .warmupIterations(settings.jmhWarmups())
                .warmupTime(iteration)
                .measurementIterations(settings.jmhIterations())
                .measurementTime(iteration)
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(settings.profile().equals("full") ? VerboseMode.NORMAL : VerboseMode.SILENT)
                .build()).run();
        List<Results.Micro> out = new ArrayList<>();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            for (String key : run.getParams().getParamsKeys()) {
                params.put(key, run.getParams().getParam(key));
            }
            double ops = run.getPrimaryResult().getScore();
            double error = run.getPrimaryResult().getScoreError();
            double bytes = bytesPerOp(shortName, params);
            Results.Micro micro = new Results.Micro(shortName, params.isEmpty() ? "" : params.toString(), ops,
                    Double.isNaN(error) ? 0 : error, bytes, bytes * ops / 1e6);
            out.add(micro);
            BenchmarkMain.log("micro: %-38s %-32s %,14.0f ops/s  %8.1f MB/s", shortName, micro.params(), ops,
                    micro.megabytesPerSecond());
        }
        return out;
    }

    /** The bytes one operation reads (or, for encoding, writes); 0 where a rate of bytes means nothing (a whole call). */
    private static double bytesPerOp(String benchmark, Map<String, String> params) {
        if (benchmark.startsWith("CallPathBenchmark")) {
            return 0;
        }
        if (benchmark.startsWith("SseDecodeBenchmark")) {
            return Fixtures.sseStream(params.get("stream")).length;
        }
        if (benchmark.endsWith("encodeToolsCall")) {
            return new JsonRpcBenchmark().encodeOnce().length;
        }
        return Fixtures.toolCallResponse().length;
    }
}

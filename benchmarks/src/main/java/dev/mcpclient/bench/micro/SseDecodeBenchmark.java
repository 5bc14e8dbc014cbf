package dev.mcpclient.bench.micro;

import dev.mcpclient.internal.eventstream.SseDecoder;
import dev.mcpclient.internal.eventstream.SseEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SSE decoder on a whole event stream, fed in network-sized chunks (the stream's bytes per
 * operation give MB/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SseDecodeBenchmark {

    /** The stream: see {@link Fixtures#sseStream(String)}. */
    @Param({"mcp-events", "large-event"})
    public String stream;

    /** Bytes per chunk: what one network read hands the decoder. */
    @Param({"8192", "512"})
    public int chunk;

    private byte[] bytes;

    @Setup
    public void setUp() {
        bytes = Fixtures.sseStream(stream);
    }

    @Benchmark
    public void decode(Blackhole bh) {
        SseDecoder decoder = new SseDecoder(16 * 1024 * 1024);
        for (int off = 0; off < bytes.length; off += chunk) {
            List<SseEvent> events = decoder.decode(bytes, off, Math.min(chunk, bytes.length - off));
            bh.consume(events);
        }
        decoder.finish();
    }
}

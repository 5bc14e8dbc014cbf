package dev.mcpclient.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.support.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The process half of stdio, on its own: start, standard error, how the process ended, and stopping it. */
class ProcessSupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static ProcessSupervisor supervisor(String name, String script, Duration stopTimeout) {
        return new ProcessSupervisor(List.of("/bin/sh", "-c", script), Map.of("GREETING", "hi"), true, null, name, 2,
                stopTimeout);
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    @Test
    void theEndIsReportedOnceWithTheExitCodeAndTheLastLinesOfStandardErrorAfterTheOutputWasRead() throws Exception {
        AtomicReference<String> output = new AtomicReference<>();
        ProcessSupervisor process = supervisor("reporter",
                "echo \"$GREETING\"; echo first >&2; echo second >&2; echo third >&2; exit 3", WAIT);
        try (LogCapture stderr = LogCapture.of(StdioTransport.STDERR_LOGGER_PREFIX + "reporter")) {
            process.start(in -> output.set(readAll(in)));

            ProcessExitedException exit = process.ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(output.get()).as("read before the end is reported").isEqualTo("hi\n");
            assertThat(exit.exitCode()).hasValue(3);
            assertThat(exit.stderrTail()).as("the last two lines are kept").containsExactly("second", "third");
            assertThat(exit.getMessage()).contains("'reporter' (/bin/sh, pid ", "exited with code 3", "third");
            assertThat(stderr.messages(ch.qos.logback.classic.Level.INFO)).containsExactly("first", "second", "third");
        }
        assertThat(process.exit()).as("a fresh exception per caller").isNotSameAs(process.exit())
                .satisfies(exit -> assertThat(exit.exitCode()).hasValue(3));
        assertThat(process.stderrTail()).containsExactly("second", "third");
    }

    @Test
    void aProcessIsStartedOnceAndRunsUntilItEnds() throws Exception {
        AtomicInteger readers = new AtomicInteger();
        ProcessSupervisor process = supervisor("once", "read line; echo \"got $line\"", WAIT);
        assertThat(process.process()).isEmpty();
        assertThat(process.exit()).isNull();

        Process first = process.start(in -> {
            readers.incrementAndGet();
            readAll(in);
        });
        Process second = process.start(in -> readers.incrementAndGet());

        assertThat(second).isSameAs(first);
        assertThat(process.exit()).as("still running").isNull();
        assertThat(process.describe()).contains("pid " + first.pid());
        first.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
        first.getOutputStream().close();
        assertThat(process.ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).exitCode()).hasValue(0);
        assertThat(readers).hasValue(1);
    }

    @Test
    void aCommandThatCannotStartIsAClearError() {
        ProcessSupervisor process = new ProcessSupervisor(List.of("/no/such/mcp-server"), Map.of(), true, null, "missing",
                2, WAIT);

        assertThatThrownBy(() -> process.start(in -> { })).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("could not start the MCP server process 'missing' (/no/such/mcp-server)");
        assertThat(process.process()).isEmpty();
    }

    @Test
    void stoppingAProcessThatExitsWhenItsInputClosesNeedsNoSignal() throws Exception {
        ProcessSupervisor process = supervisor("polite", "cat > /dev/null", WAIT);
        try (LogCapture log = LogCapture.of(StdioTransport.class)) {
            Process p = process.start(ProcessSupervisorTest::readAll);
            p.getOutputStream().close();

            process.stop().block(WAIT);

            assertThat(p.isAlive()).isFalse();
            assertThat(log.lines()).noneMatch(l -> l.contains("stopping it") || l.contains("killing it"));
        }
    }

    @Test
    void aProcessThatIgnoresItsInputIsAskedToStop() {
        ProcessSupervisor process = supervisor("lingering", "sleep 60", Duration.ofMillis(200));
        try (LogCapture log = LogCapture.of(StdioTransport.class)) {
            Process p = process.start(ProcessSupervisorTest::readAll);

            process.stop().block(WAIT);

            assertThat(p.isAlive()).isFalse();
            assertThat(log.lines()).anyMatch(l -> l.contains("did not exit within PT0.2S") && l.contains("stopping it"))
                    .noneMatch(l -> l.contains("killing it"));
        }
    }

    @Test
    void aProcessThatIgnoresBeingAskedToStopIsKilled() throws Exception {
        ProcessSupervisor process = supervisor("stubborn", "trap '' TERM; echo ready >&2; while :; do sleep 1; done",
                Duration.ofMillis(200));
        try (LogCapture log = LogCapture.of(StdioTransport.class);
                LogCapture stderr = LogCapture.of(StdioTransport.STDERR_LOGGER_PREFIX + "stubborn")) {
            Process p = process.start(ProcessSupervisorTest::readAll);
            stderr.await("ready"::equals, WAIT); // the trap is set

            process.stop().block(WAIT);

            assertThat(p.isAlive()).isFalse();
            assertThat(log.lines()).anyMatch(l -> l.contains("did not stop within PT0.2S") && l.contains("killing it"));
        }
    }

    @Test
    void stoppingAProcessNeverStartedDoesNothing() {
        ProcessSupervisor process = supervisor("idle", "true", WAIT);

        process.stop().block(WAIT);

        assertThat(process.process()).isEmpty();
    }
}

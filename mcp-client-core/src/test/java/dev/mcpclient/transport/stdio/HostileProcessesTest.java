package dev.mcpclient.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.LogCapture;
import dev.mcpclient.support.McpFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Hostile stdio servers ({@link StdioTestServer} with options, in a JVM of its own): one that floods its
 * standard error, one that prints binary on its standard output, one that never answers and never
 * exits. Each is bounded (a line length, a number of kept lines, a number of warnings, a timeout, the
 * close timeout) and the rest of the application goes on: a client of another server keeps working.
 */
class HostileProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final McpFixture healthy = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));

    private void theOtherServerWorks() {
        assertThat(((TextContent) healthy.client().callTool("echo", Map.of("still", "fine")).content().get(0)).text())
                .isEqualTo("{\"still\":\"fine\"}");
    }

    private static String text(McpClient client, String say) {
        return ((TextContent) client.callTool("echo", Map.of("text", say)).content().get(0)).text();
    }

    @Test
    void aProcessFloodingStandardErrorIsReadToTheEndWithItsLinesAndTailBounded() throws Exception {
        int lines = 200_000;
        String name = "stderr-flood";
        // Every line goes to the process's logger; here it is counted instead of printed.
        Logger logger = (Logger) LoggerFactory.getLogger(StdioTransport.STDERR_LOGGER_PREFIX + name);
        AtomicLong logged = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        CountDownLatch serving = new CountDownLatch(1);
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logged.incrementAndGet();
                longest.accumulateAndGet(event.getFormattedMessage().length(), Math::max);
                if ("test server starting".equals(event.getFormattedMessage())) {
                    serving.countDown();
                }
            }
        };
        counter.start();
        logger.addAppender(counter);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        StdioTransport transport = StdioTransport.builder(StdioTestServer.command("--stderr-flood=" + lines))
                .name(name).stderrTailLines(3).build();
        try (McpClient client = McpClient.builder(transport).requestTimeout(WAIT).build()) {
            // The process writes its flood before it reads anything: it can only answer once it was read.
            assertThat(text(client, "after the flood")).isEqualTo("after the flood");
            theOtherServerWorks();
            assertThat(serving.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            assertThat(logged.get()).as("lines logged").isEqualTo(lines + 3L);
            assertThat(longest.get()).as("the megabyte line, cut at 8 KiB").isEqualTo(8192 + 1);
            List<String> tail = transport.stderrTail();
            assertThat(tail).hasSize(3);
            assertThat(tail.get(0)).hasSize(8192 + 1).startsWith("yyyy").endsWith("…");
            assertThat(tail.subList(1, 3)).containsExactly("stderr flood done", "test server starting");
        } finally {
            logger.detachAppender(counter);
            logger.setAdditive(true);
            logger.setLevel(null);
        }
    }

    @Test
    void aProcessPrintingBinaryHasItsLinesSkippedWithTenWarningsAtMostAndServesAfterIt() {
        try (LogCapture log = LogCapture.of(StdioTransport.class);
                McpClient client = McpClient.builder(StdioTransport.builder(
                                StdioTestServer.command("--stdout-garbage=1000000")).name("binary"))
                        .requestTimeout(WAIT).build()) {
            assertThat(text(client, "after the garbage")).isEqualTo("after the garbage");
            theOtherServerWorks();

            List<String> warnings = log.messages(LogCapture.warn());
            assertThat(warnings).hasSize(StdioTransport.SKIPPED_LINES_WARNED)
                    .allSatisfy(w -> assertThat(w).startsWith("Skipped a line").contains("'binary'"));
            assertThat(warnings.get(warnings.size() - 1))
                    .endsWith("(10 lines skipped so far: further ones are logged at DEBUG)");
        }
    }

    @Test
    void aProcessThatNeverAnswersAndNeverExitsFailsTheCallAtItsTimeoutAndIsKilledOnClose() {
        StdioTransport transport = StdioTransport.builder(StdioTestServer.command("--on-eof=stubborn")).name("stubborn")
                .closeTimeout(Duration.ofMillis(500)).build();
        McpClient client = McpClient.builder(transport).requestTimeout(Duration.ofSeconds(1)).build();
        try (LogCapture log = LogCapture.of(StdioTransport.class)) {
            client.initialize();
            ProcessHandle process = transport.process().orElseThrow();

            assertThatThrownBy(() -> client.callTool("hang", Map.of())).isInstanceOf(McpTimeoutException.class);
            theOtherServerWorks();

            client.close();

            assertThat(process.isAlive()).isFalse();
            assertThat(log.lines()).anyMatch(l -> l.contains("did not stop within PT0.5S; killing it"));
        }
    }
}

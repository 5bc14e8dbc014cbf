package dev.mcpclient.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged quick start ({@code target/mcp-client-samples.jar}) as a user runs it, in a java process of
 * its own: on the bean definitions that Spring AOT generated at build time ({@code spring-boot:process-aot},
 * {@code -Dspring.aot.enabled=true}, as a native image runs), against its own demo server (the official
 * Java SDK, the handshake era) and against the official Java SDK's modern (2026-07-28) server; and without
 * AOT, as before.
 */
class QuickstartAotIT {

    private static final String AOT_INITIALIZER =
            "BOOT-INF/classes/dev/mcpclient/samples/quickstart/QuickstartApplication__ApplicationContextInitializer.class";
    /** The line Spring Boot logs at startup, which tells whether the run used the generated code. */
    private static final String STARTUP_LOG = "--logging.level.dev.mcpclient.samples.quickstart.QuickstartApplication=info";

    private final Path jar = Path.of(System.getProperty("sample.jar", "target/mcp-client-samples.jar"));

    @Test
    void theJarHoldsTheGeneratedCode() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry(AOT_INITIALIZER)).isNotNull();
        }
    }

    @Test
    void onTheGeneratedCodeItCallsTheToolsOfItsDemoServerInTheHandshakeEra() {
        Run run = run(List.of("-Dspring.aot.enabled=true"), "--demo.step-delay=20ms", STARTUP_LOG);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Starting AOT-processed QuickstartApplication")
                .contains("No MCP server configured: started the demo server (official MCP Java SDK) at http://127.0.0.1:")
                .contains("MCP server 'demo': demo-server 1.0, protocol 2025-11-25")
                .contains("tools: greet, add, countdown")
                .contains("greet(name: \"Spring\") -> Hello, Spring!")
                .contains("add(a: 19, b: 23) -> 42")
                .contains("countdown(steps: 10) -> Lift-off after 10 steps");
    }

    @Test
    void onTheGeneratedCodeItCallsTheToolsOfAModernServer() throws Exception {
        try (ModernServer server = ModernServer.start()) {
            // The server's name is not known at build time: its beans are registered when the application runs.
            Run run = run(List.of("-Dspring.aot.enabled=true"), "--mcp.client.servers.modern.url=" + server.url(),
                    STARTUP_LOG);

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("Starting AOT-processed QuickstartApplication")
                    .doesNotContain("started the demo server")
                    .containsPattern("MCP server 'modern': sdk-modern-server \\S+, protocol 2026-07-28")
                    .contains("add(a: 19, b: 23) -> 42");
        }
    }

    @Test
    void withoutAotItRunsAsBefore() {
        Run run = run(List.of(), "--demo.step-delay=20ms", STARTUP_LOG);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("Starting QuickstartApplication")
                .doesNotContain("AOT-processed")
                .contains("MCP server 'demo': demo-server 1.0, protocol 2025-11-25")
                .contains("add(a: 19, b: 23) -> 42");
    }

    private record Run(int exitCode, String output) {
    }

    private Run run(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process), QuickstartAotIT::reader);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("The sample did not end within 120 s: " + output.getNow("(no output)"));
            }
            return new Run(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Could not run " + command, e);
        }
    }

    /** Runs a blocking read of a process's output on a thread of its own (not on the common pool). */
    private static void reader(Runnable read) {
        Thread thread = new Thread(read, "process-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The official Java SDK's stateless 2026-07-28 server ({@code interop/java-sdk-modern-server}, the
     * interop tests' peer) as a child java process on its own class path; its tools include {@code add}.
     */
    private static final class ModernServer implements AutoCloseable {

        private static final Pattern LISTENING = Pattern.compile("interop: listening on 127\\.0\\.0\\.1:(\\d+)");

        private final Process process;
        private final String url;

        private ModernServer(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static ModernServer start() throws Exception {
            Path module = Path.of(System.getProperty("modern.server.dir", "../interop/java-sdk-modern-server"));
            String classPath = module.resolve("target/classes") + File.pathSeparator
                    + Files.readString(module.resolve("target/peer-classpath.txt")).strip();
            ProcessBuilder builder = new ProcessBuilder(java(), "-cp", classPath,
                    "dev.mcpclient.interop.peers.ModernSdkServer").redirectErrorStream(true);
            builder.environment().put("PORT", "0");
            Process process = builder.start();
            // Its first lines, until it says where it listens (or ends); the rest is drained and dropped.
            StringBuffer seen = new StringBuffer();
            CompletableFuture<String> port = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String found = null;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        Matcher m = LISTENING.matcher(line);
                        if (found == null && m.find()) {
                            found = m.group(1);
                            String result = found;
                            Thread drain = new Thread(() -> drain(lines), "modern-server-output");
                            drain.setDaemon(true);
                            drain.start();
                            return result;
                        }
                        seen.append(line).append('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("The modern server ended before it listened: " + seen);
            }, QuickstartAotIT::reader);
            try {
                return new ModernServer(process, "http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS) + "/mcp");
            } catch (TimeoutException e) {
                boolean alive = process.isAlive();
                process.destroyForcibly();
                throw new AssertionError("The modern server did not say where it listens within 60 s (still running: "
                        + alive + "); it printed: " + seen, e);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        private static void drain(BufferedReader lines) {
            try {
                while (lines.readLine() != null) {
                    // dropped
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        String url() {
            return url;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

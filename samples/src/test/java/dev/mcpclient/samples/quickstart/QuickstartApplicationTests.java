package dev.mcpclient.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The quick start's main path, as the README's first command runs it, and with a server given to it. */
@ExtendWith(OutputCaptureExtension.class)
class QuickstartApplicationTests {

    @Test
    void withNoConfigurationItRunsAgainstItsOwnDemoServerAndExitsZero(CapturedOutput output) {
        int exitCode = QuickstartApplication.run("--demo.step-delay=20ms");

        assertThat(exitCode).isZero();
        assertThat(output.getOut())
                .contains("No MCP server configured: started the demo server (official MCP Java SDK) at http://127.0.0.1:")
                .contains("MCP server 'demo': demo-server 1.0, protocol 2025-11-25")
                .contains("tools: greet, add, countdown")
                .contains("greet(name: \"Spring\") -> Hello, Spring!")
                .contains("add(a: 19, b: 23) -> 42")
                .contains("countdown(steps: 10) [###---------------------------]  10% T-9")
                .contains("countdown(steps: 10) [##############################] 100% T-0")
                .contains("countdown(steps: 10) -> Lift-off after 10 steps");
    }

    @Test
    void givenAServerItTalksToThatOneInstead(CapturedOutput output) throws Exception {
        DemoMcpServer external = new DemoMcpServer("external-server", 0, Duration.ofMillis(1));
        try {
            int exitCode = QuickstartApplication.run("--mcp.client.servers.theirs.url=" + external.url());

            assertThat(exitCode).isZero();
            assertThat(output.getOut()).doesNotContain("started the demo server")
                    .contains("MCP server 'theirs': external-server 1.0")
                    .contains("add(a: 19, b: 23) -> 42");
        } finally {
            external.destroy();
        }
    }

    @Test
    void aServerThatCannotBeReachedMakesTheExitCodeOne(CapturedOutput output) {
        int exitCode = QuickstartApplication.run("--mcp.client.servers.nowhere.url=http://127.0.0.1:9/mcp");

        assertThat(exitCode).isOne();
        // The runner's connect may join the background connection's attempt or start its own: any id. The first
        // request is the era probe (server/discover); a refused connection says nothing about the era.
        assertThat(output.getOut()).containsPattern(
                "failed: POST server/discover \\(id \\d+\\) to http://127\\.0\\.0\\.1:9/mcp failed");
    }
}

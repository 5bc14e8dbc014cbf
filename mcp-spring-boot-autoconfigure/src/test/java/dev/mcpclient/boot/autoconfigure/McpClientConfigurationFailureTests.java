package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A wrong configuration fails startup with a report that names the property: run as a real
 * application, so the failure analyzers are the ones Spring Boot finds and prints.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpClientConfigurationFailureTests {

    private static void start(String... properties) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        String[] args = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            args[i] = "--" + properties[i];
        }
        assertThatException().isThrownBy(() -> application.run(args).close());
    }

    private static String report(CapturedOutput output) {
        String all = output.getAll();
        assertThat(all).contains("APPLICATION FAILED TO START");
        return all.substring(all.indexOf("APPLICATION FAILED TO START"));
    }

    @Test
    void aMissingUrl(CapturedOutput output) {
        start("mcp.client.servers.weather.headers.X-Api-Key=k");
        assertThat(report(output)).contains("The MCP client configuration is invalid: mcp.client.servers.weather.url is not set")
                .contains("Set mcp.client.servers.weather.url to the server's MCP endpoint");
    }

    @Test
    void aUrlThatIsNotHttp(CapturedOutput output) {
        start("mcp.client.servers.weather.url=ftp://example.com/mcp");
        assertThat(report(output))
                .contains("mcp.client.servers.weather.url is not a valid MCP endpoint URL: it must start with http:// or https://")
                .contains("Origin: \"mcp.client.servers.weather.url\" from property source \"commandLineArgs\"");
    }

    @Test
    void aMalformedUrl(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://exa mple.com/mcp");
        assertThat(report(output)).contains("mcp.client.servers.weather.url is not a valid MCP endpoint URL: Illegal character");
    }

    @Test
    void anUnknownOptionValue(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.transport=websocket");
        assertThat(report(output)).contains("mcp.client.servers.weather.transport").contains("websocket")
                .contains("STREAMABLE_HTTP").contains("SSE").contains("STDIO");
    }

    @Test
    void aProtocolVersionTheClientDoesNotSpeak(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.protocol-version=2025-01-01");
        assertThat(report(output))
                .contains("The MCP client configuration is invalid: mcp.client.servers.weather.protocol-version is "
                        + "'2025-01-01', which is none of the allowed values auto, 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26.")
                .contains("Origin: \"mcp.client.servers.weather.protocol-version\" from property source \"commandLineArgs\"")
                .contains("Set mcp.client.servers.weather.protocol-version to auto (the default: the era is detected) or "
                        + "to the revision to pin the client to, one of 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26.");
    }

    @Test
    void theModernRevisionOverSse(CapturedOutput output) {
        start("mcp.client.servers.legacy.transport=sse", "mcp.client.servers.legacy.url=http://127.0.0.1:9/sse",
                "mcp.client.servers.legacy.protocol-version=2026-07-28");
        assertThat(report(output))
                .contains("mcp.client.servers.legacy.protocol-version is 2026-07-28, but the transport is sse, which "
                        + "carries only the handshake revisions (up to 2025-11-25)")
                .contains("Property: mcp.client.servers.legacy.transport")
                .contains("Set mcp.client.servers.legacy.transport=streamable-http to speak 2026-07-28");
    }

    @Test
    void aStdioServerWithoutCommand(CapturedOutput output) {
        start("mcp.client.servers.files.transport=stdio", "mcp.client.servers.files.args[0]=-y");
        assertThat(report(output))
                .contains("mcp.client.servers.files.command is not set, but the transport is stdio")
                .contains("Set mcp.client.servers.files.command to the program that starts the server");
    }

    @Test
    void aStdioServerWithAUrl(CapturedOutput output) {
        start("mcp.client.servers.files.transport=stdio", "mcp.client.servers.files.command=npx",
                "mcp.client.servers.files.url=http://127.0.0.1:9/mcp");
        assertThat(report(output))
                .contains("mcp.client.servers.files.url is set, but the transport is stdio")
                .contains("Remove mcp.client.servers.files.url");
    }

    @Test
    void aCommandWithoutTheStdioTransport(CapturedOutput output) {
        start("mcp.client.servers.files.command=npx");
        assertThat(report(output))
                .contains("mcp.client.servers.files.command is set, but the transport is streamable-http, which needs a url")
                .contains("Set mcp.client.servers.files.transport=stdio");
    }

    @Test
    void aWorkingDirectoryThatDoesNotExist(CapturedOutput output) {
        start("mcp.client.servers.files.transport=stdio", "mcp.client.servers.files.command=npx",
                "mcp.client.servers.files.working-dir=/no/such/directory");
        assertThat(report(output))
                .contains("mcp.client.servers.files.working-dir is not a directory: /no/such/directory")
                .contains("Origin: \"mcp.client.servers.files.working-dir\" from property source \"commandLineArgs\"");
    }

    @Test
    void anSseServerWithoutUrl(CapturedOutput output) {
        start("mcp.client.servers.legacy.transport=sse");
        assertThat(report(output)).contains("mcp.client.servers.legacy.url is not set");
    }

    @Test
    void aMalformedDuration(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.request-timeout=soon");
        assertThat(report(output)).contains("mcp.client.servers.weather.request-timeout").contains("soon");
    }

    @Test
    void anUnknownOption(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.urll=http://x");
        assertThat(report(output)).contains("mcp.client.servers.weather.urll");
    }

    @Test
    void duplicateNames(CapturedOutput output) {
        start("mcp.client.servers.my-server.url=http://127.0.0.1:9/mcp", "mcp.client.servers.myServer.url=http://127.0.0.1:9/mcp");
        assertThat(report(output)).contains(
                "the servers mcp.client.servers.my-server and mcp.client.servers.myServer have the same name once relaxed")
                .contains("Give every server under mcp.client.servers a distinct name");
    }

    @Test
    void aTimeoutThatIsNotPositive(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.request-timeout=0s");
        assertThat(report(output)).contains("mcp.client.servers.weather.request-timeout must be positive, but is PT0S");
    }

    @Test
    void aMessageSizeTooSmall(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.max-message-size=10B");
        assertThat(report(output)).contains("mcp.client.servers.weather.max-message-size must be between 1KB and 2047MB");
    }

    @Test
    void reconnectDelaysTheWrongWayRound(CapturedOutput output) {
        start("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp", "mcp.client.servers.weather.reconnect.initial-delay=5s",
                "mcp.client.servers.weather.reconnect.max-delay=1s");
        assertThat(report(output)).contains("mcp.client.servers.weather.reconnect.max-delay must not be shorter");
    }

    @Test
    void aSecretHeaderIsNotPrintedWhenStartupFails(CapturedOutput output) {
        start("mcp.client.servers.weather.url=ftp://example.com/mcp", "mcp.client.servers.weather.headers.X-Api-Key=top-secret-4711");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain("top-secret-4711");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(McpClientAutoConfiguration.class)
    static class App {
    }
}

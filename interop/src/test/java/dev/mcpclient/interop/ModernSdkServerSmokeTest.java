package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.interop.support.ModernSdkServer;
import dev.mcpclient.interop.support.RawHttp;
import dev.mcpclient.interop.support.RawHttp.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java SDK's modern (2026-07-28 only) server starts as a peer process and answers without our client:
 * {@code server/discover} and a {@code tools/call}, refuses a call of {@code locate} without the
 * {@code Mcp-Param-Region} header its {@code x-mcp-header} asks for, and refuses the handshake. (The tests of
 * our client against it: {@link ModernSdkServerTest}.)
 */
class ModernSdkServerSmokeTest {

    @Test
    void discoverAnswersWith2026AndInitializeIsRefused() {
        try (ModernSdkServer server = ModernSdkServer.start()) {
            Answer discover = RawHttp.modern(server.url(), "server/discover", null, Map.of());
            assertThat(discover.status()).as(discover.body()).isEqualTo(200);
            assertThat(discover.json().path("result").path("supportedVersions").valueStream().map(v -> v.asString()))
                    .as(discover.body()).containsExactly(RawHttp.MODERN);
            assertThat(discover.json().path("result").path("_meta").path("io.modelcontextprotocol/serverInfo")
                    .path("name").asString()).isEqualTo(ModernSdkServer.NAME);

            Answer echo = RawHttp.modern(server.url(), "tools/call", "echo",
                    Map.of("name", "echo", "arguments", Map.of("text", "hello modern")));
            assertThat(echo.status()).as(echo.body()).isEqualTo(200);
            assertThat(echo.json().path("result").path("content").path(0).path("text").asString()).isEqualTo("hello modern");

            Answer locate = RawHttp.modern(server.url(), "tools/call", "locate",
                    Map.of("name", "locate", "arguments", Map.of("region", "eu-west")));
            assertThat(locate.status()).as(locate.body()).isEqualTo(400);
            assertThat(locate.json().path("error").path("code").asInt()).as(locate.body()).isEqualTo(-32020);

            Answer initialize = RawHttp.initialize(server.url(), "2025-11-25");
            assertThat(initialize.status()).as(initialize.body()).isEqualTo(400);
            assertThat(initialize.json().path("error").path("code").asInt()).as(initialize.body()).isEqualTo(-32022);
        }
    }
}

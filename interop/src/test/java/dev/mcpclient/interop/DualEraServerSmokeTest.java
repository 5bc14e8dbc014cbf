package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.interop.support.DualEraServer;
import dev.mcpclient.interop.support.RawHttp;
import dev.mcpclient.interop.support.RawHttp.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript SDK's dual-era server starts as a peer process and answers both eras on one endpoint
 * without our client: {@code server/discover} and a {@code tools/call} at 2026-07-28, {@code initialize} at
 * 2025-11-25. (The tests of our client against it: {@link DualEraServerModernTest},
 * {@link DualEraServerLegacyTest}.)
 */
class DualEraServerSmokeTest {

    @Test
    void discoverAnswersWith2026AndInitializeWith2025() {
        try (DualEraServer server = DualEraServer.start()) {
            Answer discover = RawHttp.modern(server.url(), "server/discover", null, Map.of());
            assertThat(discover.status()).as(discover.body()).isEqualTo(200);
            assertThat(discover.json().path("result").path("supportedVersions").valueStream().map(v -> v.asString()))
                    .as(discover.body()).contains(RawHttp.MODERN);

            Answer echo = RawHttp.modern(server.url(), "tools/call", "echo",
                    Map.of("name", "echo", "arguments", Map.of("text", "hello dual")));
            assertThat(echo.status()).as(echo.body()).isEqualTo(200);
            assertThat(echo.json().path("result").path("content").path(0).path("text").asString()).isEqualTo("hello dual");

            Answer initialize = RawHttp.initialize(server.url(), "2025-11-25");
            assertThat(initialize.status()).as(initialize.body()).isEqualTo(200);
            assertThat(initialize.json().path("result").path("protocolVersion").asString()).isEqualTo("2025-11-25");
            assertThat(initialize.json().path("result").path("serverInfo").path("name").asString())
                    .isEqualTo(DualEraServer.NAME);
        }
    }
}

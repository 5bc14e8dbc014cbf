package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One token request for many callers: when 100 concurrent requests find the token about to expire,
 * exactly one refresh reaches the token endpoint and all 100 get its token. The token endpoint is a
 * Reactor Netty server on 127.0.0.1 that holds the refresh's response until every caller has
 * subscribed (a sink, no sleeps); the metadata comes from WireMock.
 */
class SingleFlightTest {

    private static final int CALLERS = 100;
    private final AuthServers servers = new AuthServers();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final CountDownLatch refreshArrived = new CountDownLatch(1);
    private final Sinks.Empty<Void> release = Sinks.empty();
    private final DisposableServer tokenEndpoint = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.post("/token", (request, response) -> request.receive().aggregate().asString()
                    .defaultIfEmpty("")
                    .flatMap(body -> {
                        int n = tokenRequests.incrementAndGet();
                        if (n == 1) {
                            return response.header("Content-Type", "application/json").sendString(Mono.just(
                                    "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":0,"
                                            + "\"refresh_token\":\"ref-1\"}")).then();
                        }
                        refreshArrived.countDown();
                        return release.asMono().then(response.header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"access_token\":\"tok-" + n + "\",\"token_type\":\"Bearer\","
                                        + "\"expires_in\":3600}")).then());
                    })))
            .bindNow();

    @AfterEach
    void stop() {
        release.tryEmitEmpty();
        tokenEndpoint.disposeNow();
        servers.close();
    }

    @Test
    void oneRefreshServesAHundredConcurrentCallersOfAnExpiredToken() throws Exception {
        String tokenUrl = "http://127.0.0.1:" + tokenEndpoint.port() + "/token";
        servers.prm().wireMock.stubFor(get(urlEqualTo("/.well-known/oauth-authorization-server")).willReturn(AuthServers.json(200,
                "{\"issuer\":\"" + servers.base + "\",\"authorization_endpoint\":\"" + servers.base + "/authorize\","
                        + "\"token_endpoint\":\"" + tokenUrl + "\",\"token_endpoint_auth_methods_supported\":[\"none\"]}")));
        OAuthAuthorization auth = OAuthAuthorization.builder().clientId("pre").redirectUri("http://127.0.0.1:9/cb")
                .authorizationCodeHandler(RecordingHandler.answering(null)).build();
        assertThat(auth.refused(servers.request(), AuthServers.unauthorized("", 1, Map.of())).block(Duration.ofSeconds(10)))
                .isTrue();
        assertThat(tokenRequests).hasValue(1);

        List<Mono<Map<String, String>>> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(auth.authorize(servers.request()));
        }
        // Flux.merge subscribes every caller now, on this thread: all join before the refresh can answer.
        CompletableFuture<List<Map<String, String>>> all = Flux.merge(callers).collectList().toFuture();
        assertThat(refreshArrived.await(10, TimeUnit.SECONDS)).as("the refresh reached the token endpoint").isTrue();
        release.tryEmitEmpty();

        List<Map<String, String>> headers = all.get(10, TimeUnit.SECONDS);
        assertThat(headers).hasSize(CALLERS).allSatisfy(h -> assertThat(h).containsEntry("Authorization", "Bearer tok-2"));
        assertThat(tokenRequests).as("token requests: the first token and one refresh").hasValue(2);
    }
}

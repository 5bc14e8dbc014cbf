package dev.mcpclient.boot.autoconfigure.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.auth.AuthorizationCodeHandler.AuthorizationResponse;
import dev.mcpclient.auth.McpAuthorizationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The handler alone: pending authorizations by state, completed by their callback, or failed by the timeout. */
@ExtendWith(OutputCaptureExtension.class)
class WebAuthorizationCodeHandlerTests {

    static final URI REDIRECT = URI.create("http://127.0.0.1:8080/mcp/oauth/callback");
    static final String CODE = "code-4711-never-logged";

    final List<Object> events = new CopyOnWriteArrayList<>();
    final WebAuthorizationCodeHandler handler = new WebAuthorizationCodeHandler(events::add, Duration.ofMinutes(5));

    static URI authorizationUrl(String state) {
        return URI.create("https://as.example/authorize?response_type=code&client_id=app&redirect_uri="
                + "http%3A%2F%2F127.0.0.1%3A8080%2Fmcp%2Foauth%2Fcallback&code_challenge=abc&code_challenge_method=S256"
                + "&state=" + state + "&resource=https%3A%2F%2Fmcp.example%2Fmcp");
    }

    static URI callback(String query) {
        return URI.create(REDIRECT + "?" + query);
    }

    @Test
    void theCallbackWithTheStateCompletesTheAuthorizationWithItsCode(CapturedOutput output) {
        StepVerifier.create(handler.authorize(authorizationUrl("s1"), REDIRECT))
                .then(() -> {
                    assertThat(events).singleElement().isInstanceOfSatisfying(McpAuthorizationRequestedEvent.class, event -> {
                        assertThat(event.authorizationUrl()).isEqualTo(authorizationUrl("s1"));
                        assertThat(event.redirectUri()).isEqualTo(REDIRECT);
                        assertThat(event.resource()).isEqualTo("https://mcp.example/mcp");
                        assertThat(event.getSource()).isSameAs(handler);
                    });
                    assertThat(handler.pendingAuthorizationUrls()).containsExactly(authorizationUrl("s1"));
                    assertThat(handler.complete(callback("code=" + CODE + "&state=s1&iss=https%3A%2F%2Fas.example"))).isTrue();
                })
                .assertNext(response -> assertThat(response)
                        .isEqualTo(new AuthorizationResponse(CODE, "s1", "https://as.example", null, null)))
                .verifyComplete();

        assertThat(handler.pendingAuthorizationUrls()).isEmpty();
        assertThat(output.getAll()).contains("open " + authorizationUrl("s1") + " in a browser").doesNotContain(CODE);
    }

    @Test
    void aCallbackMatchesOnlyItsOwnPendingAuthorizationAndOnlyOnce() {
        StepVerifier.create(handler.authorize(authorizationUrl("s1"), REDIRECT))
                .then(() -> {
                    assertThat(handler.complete(callback("code=c&state=unknown"))).isFalse();
                    assertThat(handler.complete(callback("code=c"))).isFalse();
                    assertThat(handler.complete(REDIRECT)).isFalse();
                    assertThat(handler.pendingAuthorizationUrls()).hasSize(1);
                    assertThat(handler.complete(callback("code=c&state=s1"))).isTrue();
                    assertThat(handler.complete(callback("code=c&state=s1"))).isFalse();
                })
                .assertNext(response -> assertThat(response.code()).isEqualTo("c"))
                .verifyComplete();
    }

    @Test
    void concurrentAuthorizationsAreKeptApartByTheirState() {
        AuthorizationResponse[] responses = new AuthorizationResponse[2];
        Disposable one = handler.authorize(authorizationUrl("s1"), REDIRECT).subscribe(r -> responses[0] = r);
        Disposable two = handler.authorize(authorizationUrl("s2"), REDIRECT).subscribe(r -> responses[1] = r);
        assertThat(handler.pendingAuthorizationUrls()).containsExactlyInAnyOrder(authorizationUrl("s1"), authorizationUrl("s2"));

        assertThat(handler.complete(callback("code=c2&state=s2"))).isTrue();
        assertThat(responses[1].code()).isEqualTo("c2");
        assertThat(responses[0]).isNull();
        assertThat(handler.complete(callback("code=c1&state=s1"))).isTrue();
        assertThat(responses[0].code()).isEqualTo("c1");
        one.dispose();
        two.dispose();
    }

    @Test
    void anErrorOfTheAuthorizationServerCompletesTheAuthorizationWithTheError() {
        StepVerifier.create(handler.authorize(authorizationUrl("s1"), REDIRECT))
                .then(() -> assertThat(handler.complete(callback("error=access_denied&error_description=no&state=s1"))).isTrue())
                .assertNext(response -> {
                    assertThat(response.error()).isEqualTo("access_denied");
                    assertThat(response.errorDescription()).isEqualTo("no");
                    assertThat(response.code()).isNull();
                })
                .verifyComplete();
    }

    @Test
    void anAuthorizationNoCallbackCompletesFailsAfterTheTimeoutAndIsForgotten() {
        StepVerifier.withVirtualTime(() -> handler.authorize(authorizationUrl("s1"), REDIRECT))
                .expectSubscription()
                .then(() -> assertThat(handler.pendingAuthorizationUrls()).hasSize(1))
                .thenAwait(Duration.ofMinutes(5))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(McpAuthorizationException.class)
                        .hasMessageContaining("No user completed the authorization at https://as.example/authorize?******")
                        .hasMessageContaining("within PT5M (mcp.client.oauth.authorization-timeout)")
                        .hasMessageNotContaining("s1"))
                .verify();

        assertThat(handler.pendingAuthorizationUrls()).isEmpty();
        assertThat(handler.complete(callback("code=c&state=s1"))).isFalse();
    }

    @Test
    void aCallbackJustBeforeTheTimeoutWins() {
        StepVerifier.withVirtualTime(() -> handler.authorize(authorizationUrl("s1"), REDIRECT))
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(5).minusMillis(1))
                .then(() -> assertThat(handler.complete(callback("code=c&state=s1"))).isTrue())
                .assertNext(response -> assertThat(response.code()).isEqualTo("c"))
                .verifyComplete();
    }

    @Test
    void aCancelledAuthorizationIsForgotten() {
        Disposable waiting = handler.authorize(authorizationUrl("s1"), REDIRECT).subscribe();
        assertThat(handler.pendingAuthorizationUrls()).hasSize(1);

        waiting.dispose();

        assertThat(handler.pendingAuthorizationUrls()).isEmpty();
        assertThat(handler.complete(callback("code=c&state=s1"))).isFalse();
    }

    @Test
    void anAuthorizationUrlWithoutStateIsRefused() {
        StepVerifier.create(handler.authorize(URI.create("https://as.example/authorize?client_id=app"), REDIRECT))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(McpAuthorizationException.class)
                        .hasMessageContaining("has no state parameter"))
                .verify();
        assertThat(events).isEmpty();
        assertThat(handler.pendingAuthorizationUrls()).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopTheAuthorization() {
        WebAuthorizationCodeHandler failing = new WebAuthorizationCodeHandler(event -> {
            throw new IllegalStateException("listener broke");
        }, Duration.ofMinutes(5));

        StepVerifier.create(failing.authorize(authorizationUrl("s1"), REDIRECT))
                .then(() -> assertThat(failing.complete(callback("code=c&state=s1"))).isTrue())
                .assertNext(response -> assertThat(response.code()).isEqualTo("c"))
                .verifyComplete();
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new WebAuthorizationCodeHandler(events::add, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }
}

package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpopNoncesTest {

    final DpopNonces nonces = new DpopNonces();

    @Test
    void aNonceIsKeptPerOrigin() {
        assertThat(nonces.remember(URI.create("http://localhost:4001/token"), "n1")).isTrue();

        assertThat(nonces.nonce(URI.create("http://LOCALHOST:4001/anything?x"))).isEqualTo("n1");
        assertThat(nonces.nonce(URI.create("http://localhost:4002/mcp"))).isNull();
        assertThat(nonces.nonce(URI.create("https://localhost:4001/token"))).isNull();
    }

    @Test
    void theDefaultPortIsTheSameOriginAsNoPort() {
        nonces.remember(URI.create("https://as.example.com/token"), "n");
        assertThat(nonces.nonce(URI.create("https://as.example.com:443/other"))).isEqualTo("n");
        assertThat(nonces.nonce(URI.create("http://as.example.com:443/other"))).isNull();
    }

    @Test
    void rememberSaysWhetherTheNonceIsNew() {
        URI uri = URI.create("http://localhost:4002/mcp");
        assertThat(nonces.remember(uri, "a")).isTrue();
        assertThat(nonces.remember(uri, "a")).isFalse();
        assertThat(nonces.remember(uri, "b")).isTrue();
        assertThat(nonces.nonce(uri)).isEqualTo("b");
        nonces.forget(uri);
        assertThat(nonces.nonce(uri)).isNull();
    }

    @Test
    void malformedNoncesAreIgnored() {
        URI uri = URI.create("http://localhost:4002/mcp");
        assertThat(nonces.remember(uri, "has space")).isFalse();
        assertThat(nonces.remember(uri, "quote\"")).isFalse();
        assertThat(nonces.remember(uri, "")).isFalse();
        assertThat(nonces.remember(uri, null)).isFalse();
        assertThat(nonces.remember(uri, "line\r\nbreak")).isFalse();
        assertThat(nonces.nonce(uri)).isNull();
    }

    @Test
    void anyResponsesDpopNonceHeaderIsLearnedWhateverItsCase() {
        URI uri = URI.create("http://localhost:4002/mcp");
        assertThat(nonces.observe(uri, Map.of("content-type", List.of("application/json")))).isFalse();
        assertThat(nonces.observe(uri, Map.of("dpop-nonce", List.of("conformance-rs-dpop-nonce")))).isTrue();
        assertThat(nonces.observe(uri, Map.of("DPoP-Nonce", List.of("conformance-rs-dpop-nonce")))).isFalse();
        assertThat(nonces.nonce(uri)).isEqualTo("conformance-rs-dpop-nonce");
    }

    @Test
    void aResourceServerAsksForANonceWithADpopChallenge() {
        assertThat(DpopNonces.asksForNonce(List.of(
                "DPoP error=\"use_dpop_nonce\", resource_metadata=\"http://localhost:4002/.well-known/oauth-protected-resource/mcp\"")))
                .isTrue();
        assertThat(DpopNonces.asksForNonce(List.of("Bearer realm=\"x\"", "DPoP error=\"use_dpop_nonce\""))).isTrue();
        assertThat(DpopNonces.asksForNonce(List.of("DPoP resource_metadata=\"http://x\""))).isFalse();
        assertThat(DpopNonces.asksForNonce(List.of("Bearer error=\"use_dpop_nonce\""))).isFalse();
        assertThat(DpopNonces.asksForNonce(List.of())).isFalse();
    }

    @Test
    void toStringShowsNoNonce() {
        nonces.remember(URI.create("http://localhost:1/"), "secret-ish");
        assertThat(nonces.toString()).isEqualTo("DpopNonces[1 origin]");
    }
}

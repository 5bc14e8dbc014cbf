package dev.mcpclient.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scope selection (MCP "Scope Selection Strategy", SEP-2207, SEP-2350) and resource identifiers (RFC 8707, RFC 9728). */
class ScopeAndResourceTest {

    private static final ProtectedResourceMetadata PRM = new ProtectedResourceMetadata("https://h/mcp", List.of("https://as"),
            List.of("a", "b"), URI.create("https://h/.well-known/oauth-protected-resource/mcp"));
    private static final ProtectedResourceMetadata PRM_WITHOUT_SCOPES = new ProtectedResourceMetadata("https://h/mcp",
            List.of("https://as"), null, URI.create("https://h/.well-known/oauth-protected-resource/mcp"));

    private static AuthorizationServerMetadata server(List<String> scopes) {
        return new AuthorizationServerMetadata("https://as", URI.create("https://as/authorize"), URI.create("https://as/token"),
                null, scopes, List.of("none"), List.of("S256"), false, false);
    }

    @Test
    void theChallengesScopeWinsThenTheApplicationsThenScopesSupportedElseNone() {
        assertThat(ScopeSelection.select("x  y", "c", PRM)).isEqualTo("x y");
        assertThat(ScopeSelection.select(null, "c", PRM)).isEqualTo("c");
        assertThat(ScopeSelection.select(null, null, PRM)).isEqualTo("a b");
        assertThat(ScopeSelection.select(null, null, PRM_WITHOUT_SCOPES)).isNull();
        assertThat(ScopeSelection.select("", null, null)).isNull();
    }

    @Test
    void offlineAccessIsAddedOnlyWhenTheAuthorizationServerListsItAndAScopeIsAskedFor() {
        assertThat(ScopeSelection.withOfflineAccess("a", server(List.of("a", "offline_access")))).isEqualTo("a offline_access");
        assertThat(ScopeSelection.withOfflineAccess("a", server(List.of("a")))).isEqualTo("a");
        assertThat(ScopeSelection.withOfflineAccess("a", server(null))).isEqualTo("a");
        assertThat(ScopeSelection.withOfflineAccess(null, server(List.of("offline_access")))).isNull();
    }

    @Test
    void reAuthorizationAsksForTheUnionAndCoverageIsBySet() {
        assertThat(ScopeSelection.union("a b", "b c")).isEqualTo("a b c");
        assertThat(ScopeSelection.union(null, "c")).isEqualTo("c");
        assertThat(ScopeSelection.covers("a b c", "c a")).isTrue();
        assertThat(ScopeSelection.covers("a", "a b")).isFalse();
        assertThat(ScopeSelection.covers(null, "a")).isFalse();
    }

    @Test
    void aResourceCoversItsServerAndTheServersBelowItsPathOnly() {
        URI server = URI.create("http://127.0.0.1:8080/mcp");
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8080/mcp", server)).isTrue();
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8080", server)).isTrue();
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8080/", server)).isTrue();
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8080/mc", server)).isFalse();
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8081/mcp", server)).isFalse();
        assertThat(ResourceIdentifiers.covers("https://127.0.0.1:8080/mcp", server)).isFalse();
        assertThat(ResourceIdentifiers.covers("https://evil.example.com/mcp", server)).isFalse();
        assertThat(ResourceIdentifiers.covers("http://127.0.0.1:8080/mcp#x", server)).isFalse();
        assertThat(ResourceIdentifiers.covers("not a uri", server)).isFalse();
        assertThat(ResourceIdentifiers.canonical(URI.create("HTTP://Host:80/mcp/?q=1"))).isEqualTo("http://host:80/mcp");
    }

    @Test
    void wellKnownLocationsFollowTheSpecsOrder() {
        assertThat(ResourceMetadataDiscovery.locations(URI.create("https://h/a/mcp"), "https://h/custom"))
                .containsExactly(URI.create("https://h/custom"), URI.create("https://h/.well-known/oauth-protected-resource/a/mcp"),
                        URI.create("https://h/.well-known/oauth-protected-resource"));
        assertThat(ResourceMetadataDiscovery.locations(URI.create("https://h"), null))
                .containsExactly(URI.create("https://h/.well-known/oauth-protected-resource"));
        assertThat(AuthorizationServerDiscovery.locations(URI.create("https://as/t")))
                .containsExactly(URI.create("https://as/.well-known/oauth-authorization-server/t"),
                        URI.create("https://as/.well-known/openid-configuration/t"),
                        URI.create("https://as/t/.well-known/openid-configuration"));
        assertThat(AuthorizationServerDiscovery.locations(URI.create("https://as")))
                .containsExactly(URI.create("https://as/.well-known/oauth-authorization-server"),
                        URI.create("https://as/.well-known/openid-configuration"));
    }
}

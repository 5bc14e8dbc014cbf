package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds an authorization server's metadata (MCP authorization "Authorization Server Metadata
 * Discovery"): for an issuer with a path, OAuth 2.0 metadata with the path inserted
 * ({@code /.well-known/oauth-authorization-server/tenant}), OpenID Connect Discovery with the path
 * inserted ({@code /.well-known/openid-configuration/tenant}), then appended
 * ({@code /tenant/.well-known/openid-configuration}); for an issuer without a path, the first two at the
 * root. The document's {@code issuer} must be the issuer the URL was built from, character for
 * character (RFC 8414 section 3.3); a document with another issuer is refused, not used.
 *
 * <p>For a server of the 2025-03-26 revision (no protected resource metadata), {@link #legacy} reads
 * the metadata at the server's origin and otherwise falls back to the default endpoints
 * {@code /authorize}, {@code /token} and {@code /register} there.
 */
public final class AuthorizationServerDiscovery {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationServerDiscovery.class);

    private final AuthHttp http;

    /** Discovery that fetches through {@code http}. */
    public AuthorizationServerDiscovery(AuthHttp http) {
        this.http = http;
    }

    /** The metadata of the authorization server {@code issuer}; an error when none is found or its issuer differs. */
    public Mono<AuthorizationServerMetadata> discover(String issuer) {
        URI issuerUri;
        try {
            issuerUri = URI.create(issuer.strip());
        } catch (IllegalArgumentException e) {
            return Mono.error(new McpAuthorizationException("The authorization server " + UrlRedaction.redact(issuer)
                    + " is not a URL"));
        }
        if (issuerUri.getScheme() == null || issuerUri.getHost() == null) {
            return Mono.error(new McpAuthorizationException("The authorization server " + UrlRedaction.redact(issuer)
                    + " is not an absolute URL"));
        }
        return Flux.fromIterable(locations(issuerUri))
                .concatMap(url -> http.getDocument(url)
                        .onErrorResume(e -> {
                            log.debug("Authorization server metadata at {}: {}", UrlRedaction.redact(url), e.getMessage());
                            return Mono.just(Optional.empty());
                        })
                        .flatMap(doc -> Mono.justOrEmpty(doc.map(json -> AuthorizationServerMetadata.parse(json, url)))))
                .next()
                .switchIfEmpty(Mono.error(() -> new McpAuthorizationException(
                        "No authorization server metadata found for " + UrlRedaction.redact(issuer))))
                .map(metadata -> checked(metadata, issuer));
    }

    /**
     * The authorization server of a 2025-03-26 server at {@code serverUrl}: the metadata at its origin
     * ({@code /.well-known/oauth-authorization-server}), else the default endpoints there.
     */
    public Mono<AuthorizationServerMetadata> legacy(URI serverUrl) {
        URI origin = ResourceMetadataDiscovery.origin(serverUrl);
        URI url = origin.resolve("/.well-known/oauth-authorization-server");
        return http.getDocument(url)
                .onErrorResume(e -> Mono.just(Optional.empty()))
                .map(doc -> doc.map(json -> AuthorizationServerMetadata.parse(json, url))
                        .filter(m -> m.tokenEndpoint() != null)
                        .orElseGet(() -> AuthorizationServerMetadata.fallback(origin)));
    }

    private static AuthorizationServerMetadata checked(AuthorizationServerMetadata metadata, String issuer) {
        if (!issuer.equals(metadata.issuer())) {
            throw new McpAuthorizationException("The metadata of the authorization server " + UrlRedaction.redact(issuer)
                    + " names another issuer (" + (metadata.issuer() == null ? "none" : UrlRedaction.redact(metadata.issuer()))
                    + "): refused (RFC 8414 section 3.3)");
        }
        if (metadata.tokenEndpoint() == null) {
            throw new McpAuthorizationException("The metadata of the authorization server " + UrlRedaction.redact(issuer)
                    + " names no token endpoint");
        }
        return metadata;
    }

    /** Where to look for the metadata of {@code issuer}, in order. */
    static List<URI> locations(URI issuer) {
        URI origin = ResourceMetadataDiscovery.origin(issuer);
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<URI> urls = new ArrayList<>();
        if (path.isEmpty()) {
            urls.add(origin.resolve("/.well-known/oauth-authorization-server"));
            urls.add(origin.resolve("/.well-known/openid-configuration"));
        } else {
            urls.add(origin.resolve("/.well-known/oauth-authorization-server" + path));
            urls.add(origin.resolve("/.well-known/openid-configuration" + path));
            urls.add(origin.resolve(path + "/.well-known/openid-configuration"));
        }
        return urls;
    }
}

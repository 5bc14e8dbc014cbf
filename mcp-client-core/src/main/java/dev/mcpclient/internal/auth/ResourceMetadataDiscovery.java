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
 * Finds an MCP server's Protected Resource Metadata (RFC 9728, MCP authorization "Protected Resource
 * Metadata Discovery"): the {@code resource_metadata} URL of the server's challenge when it gave one,
 * else the well-known URLs, path-aware first ({@code /.well-known/oauth-protected-resource/mcp}), then
 * at the root. The document's {@code resource} must identify this server (same origin, its path a
 * prefix of the server's path); a document naming another resource is refused.
 */
public final class ResourceMetadataDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ResourceMetadataDiscovery.class);
    private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    private final AuthHttp http;

    /** Discovery that fetches through {@code http}. */
    public ResourceMetadataDiscovery(AuthHttp http) {
        this.http = http;
    }

    /**
     * The metadata of the server at {@code serverUrl}, empty when it publishes none (a server of the
     * 2025-03-26 revision); an error when the document names another resource.
     *
     * @param resourceMetadata the {@code resource_metadata} URL of the server's challenge, or {@code null}
     */
    public Mono<Optional<ProtectedResourceMetadata>> discover(URI serverUrl, String resourceMetadata) {
        return Flux.fromIterable(locations(serverUrl, resourceMetadata))
                .concatMap(url -> http.getDocument(url)
                        .onErrorResume(e -> {
                            log.debug("Protected resource metadata at {}: {}", UrlRedaction.redact(url), e.getMessage());
                            return Mono.just(Optional.empty());
                        })
                        .flatMap(doc -> Mono.justOrEmpty(doc.map(json -> ProtectedResourceMetadata.parse(json, url)))))
                .next()
                .map(prm -> {
                    if (!ResourceIdentifiers.covers(prm.resource(), serverUrl)) {
                        throw new McpAuthorizationException("The protected resource metadata of " + UrlRedaction.redact(serverUrl)
                                + " (" + UrlRedaction.redact(prm.source()) + ") names the resource "
                                + UrlRedaction.redact(prm.resource()) + ", which is not this server: refused");
                    }
                    return Optional.of(prm);
                })
                .defaultIfEmpty(Optional.empty());
    }

    /** Where to look, in order. */
    static List<URI> locations(URI serverUrl, String resourceMetadata) {
        List<URI> urls = new ArrayList<>();
        if (resourceMetadata != null && !resourceMetadata.isBlank()) {
            try {
                URI given = serverUrl.resolve(resourceMetadata.strip());
                if ("http".equalsIgnoreCase(given.getScheme()) || "https".equalsIgnoreCase(given.getScheme())) {
                    urls.add(given);
                }
            } catch (IllegalArgumentException e) {
                log.debug("Ignoring a resource_metadata that is no URL");
            }
        }
        String path = serverUrl.getRawPath() == null ? "" : serverUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty()) {
            urls.add(origin(serverUrl).resolve(WELL_KNOWN + path));
        }
        urls.add(origin(serverUrl).resolve(WELL_KNOWN));
        return urls.stream().distinct().toList();
    }

    static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}

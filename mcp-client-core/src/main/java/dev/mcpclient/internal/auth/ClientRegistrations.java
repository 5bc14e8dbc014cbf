package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The client's identity at each authorization server (MCP authorization "Client Registration
 * Approaches"), in this order: the pre-registered client, a Client ID Metadata Document URL where the
 * server accepts one, Dynamic Client Registration (RFC 7591) where the server offers it. One identity
 * per issuer, registered once (concurrent callers share the registration); credentials of one
 * authorization server are never used at another.
 */
public final class ClientRegistrations {

    private final ClientSettings settings;
    private final AuthHttp http;
    private final Map<String, Mono<ClientRegistration>> registered = new ConcurrentHashMap<>();

    /** The identities of the client {@code settings} describes, registered through {@code http}. */
    public ClientRegistrations(ClientSettings settings, AuthHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** The client's identity at {@code server}. */
    public Mono<ClientRegistration> clientFor(AuthorizationServerMetadata server) {
        String key = server.issuer() != null ? server.issuer() : "fallback:" + server.tokenEndpoint();
        return registered.computeIfAbsent(key, k -> resolve(server)
                .doOnError(e -> registered.remove(k))
                .cache());
    }

    /** Forgets the identity at {@code server} (its registration was refused). */
    public void forget(AuthorizationServerMetadata server) {
        registered.remove(server.issuer() != null ? server.issuer() : "fallback:" + server.tokenEndpoint());
    }

    private Mono<ClientRegistration> resolve(AuthorizationServerMetadata server) {
        if (settings.clientId() != null) {
            boolean secret = settings.clientSecret() != null;
            return Mono.just(new ClientRegistration(settings.clientId(), settings.clientSecret(),
                    ClientAuthentication.choose(secret, settings.privateKeyJwt(), server.tokenEndpointAuthMethods()),
                    server.issuer()));
        }
        if (settings.assertionGrant()) {
            // A workload's JWT bearer grant needs no client (RFC 7523 section 3.1): nothing to register.
            return Mono.just(new ClientRegistration(null, null, "none", server.issuer()));
        }
        if (settings.clientMetadataUrl() != null && server.clientIdMetadataDocumentSupported() && !settings.clientCredentials()) {
            return Mono.just(new ClientRegistration(settings.clientMetadataUrl(), null, "none", server.issuer()));
        }
        if (server.registrationEndpoint() == null) {
            return Mono.error(new McpAuthorizationException("The authorization server "
                    + (server.issuer() == null ? UrlRedaction.redact(server.tokenEndpoint()) : UrlRedaction.redact(server.issuer()))
                    + " offers no Dynamic Client Registration"
                    + (settings.clientMetadataUrl() != null ? " and accepts no Client ID Metadata Document" : "")
                    + ": configure a pre-registered clientId"));
        }
        return register(server);
    }

    private Mono<ClientRegistration> register(AuthorizationServerMetadata server) {
        String method = preferredMethod(server.tokenEndpointAuthMethods());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", settings.clientName());
        if (settings.clientCredentials()) {
            body.put("grant_types", List.of("client_credentials"));
        } else {
            body.put("redirect_uris", List.of(settings.redirectUri().toString()));
            body.put("grant_types", List.of("authorization_code", "refresh_token"));
            body.put("response_types", List.of("code"));
            body.put("application_type", isLoopbackOrCustom(settings) ? "native" : "web");
        }
        body.put("token_endpoint_auth_method", method);
        return http.postJson(server.registrationEndpoint(), body).map(response -> {
            String clientId = response.text("client_id");
            if (!response.ok() || clientId == null) {
                String error = response.text("error");
                throw new McpAuthorizationException("Dynamic Client Registration at "
                        + UrlRedaction.redact(server.registrationEndpoint()) + " failed: HTTP " + response.status()
                        + (error == null ? "" : ", " + error)
                        + (response.text("error_description") == null ? "" : " (" + response.text("error_description") + ")"));
            }
            String secret = response.text("client_secret");
            String granted = response.text("token_endpoint_auth_method");
            String use = granted != null && ClientAuthentication.SUPPORTED.contains(granted) ? granted
                    : ClientAuthentication.choose(secret != null, List.of(method));
            if (secret == null && !use.equals("none")) {
                use = "none";
            }
            return new ClientRegistration(clientId, secret, use, server.issuer());
        });
    }

    /** The method asked for at registration: the first this client implements that the server lists. */
    static String preferredMethod(List<String> supported) {
        for (String method : ClientAuthentication.SUPPORTED) {
            if (supported.contains(method)) {
                return method;
            }
        }
        return "client_secret_basic";
    }

    private static boolean isLoopbackOrCustom(ClientSettings settings) {
        String scheme = settings.redirectUri().getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return true;
        }
        String host = settings.redirectUri().getHost();
        return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}

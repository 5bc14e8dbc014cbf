package dev.mcpclient.internal.auth;

import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a client needs of an authorization server's metadata (RFC 8414, or OpenID Connect Discovery).
 *
 * @param issuer the issuer identifier, as recorded when the metadata was validated; {@code null} for
 *     the 2025-03-26 fallback endpoints, which come with no metadata
 * @param authorizationEndpoint the authorization endpoint, or {@code null}
 * @param tokenEndpoint the token endpoint
 * @param registrationEndpoint the Dynamic Client Registration endpoint, or {@code null}
 * @param scopesSupported the scopes it lists, or {@code null}
 * @param tokenEndpointAuthMethods the client authentication methods of its token endpoint (RFC 8414's
 *     default {@code client_secret_basic} when it lists none)
 * @param codeChallengeMethods the PKCE methods it lists (empty when it lists none)
 * @param issParameterSupported whether it promises {@code iss} in authorization responses (RFC 9207)
 * @param clientIdMetadataDocumentSupported whether it accepts a URL as client id (Client ID Metadata Document)
 * @param dpopSigningAlgValues the JWS algorithms it accepts in DPoP proofs (RFC 9449 section 5.1;
 *     empty when it lists none, i.e. it does not advertise DPoP)
 */
public record AuthorizationServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
        URI registrationEndpoint, List<String> scopesSupported, List<String> tokenEndpointAuthMethods,
        List<String> codeChallengeMethods, boolean issParameterSupported, boolean clientIdMetadataDocumentSupported,
        List<String> dpopSigningAlgValues) {

    public AuthorizationServerMetadata {
        dpopSigningAlgValues = dpopSigningAlgValues == null ? List.of() : List.copyOf(dpopSigningAlgValues);
    }

    /** Metadata that advertises no DPoP. */
    public AuthorizationServerMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
            URI registrationEndpoint, List<String> scopesSupported, List<String> tokenEndpointAuthMethods,
            List<String> codeChallengeMethods, boolean issParameterSupported, boolean clientIdMetadataDocumentSupported) {
        this(issuer, authorizationEndpoint, tokenEndpoint, registrationEndpoint, scopesSupported, tokenEndpointAuthMethods,
                codeChallengeMethods, issParameterSupported, clientIdMetadataDocumentSupported, List.of());
    }

    /** Reads the metadata document {@code json} fetched from {@code source}. */
    static AuthorizationServerMetadata parse(JsonNode json, URI source) {
        List<String> methods = ProtectedResourceMetadata.strings(json.get("token_endpoint_auth_methods_supported"));
        return new AuthorizationServerMetadata(text(json, "issuer"), uri(json, "authorization_endpoint", source),
                uri(json, "token_endpoint", source), uri(json, "registration_endpoint", source),
                json.has("scopes_supported") ? ProtectedResourceMetadata.strings(json.get("scopes_supported")) : null,
                methods.isEmpty() ? List.of("client_secret_basic") : methods,
                ProtectedResourceMetadata.strings(json.get("code_challenge_methods_supported")),
                json.path("authorization_response_iss_parameter_supported").asBoolean(false),
                json.path("client_id_metadata_document_supported").asBoolean(false),
                ProtectedResourceMetadata.strings(json.get("dpop_signing_alg_values_supported")));
    }

    /** The 2025-03-26 default endpoints at the root of {@code base}: {@code /authorize}, {@code /token}, {@code /register}. */
    static AuthorizationServerMetadata fallback(URI base) {
        return new AuthorizationServerMetadata(null, base.resolve("/authorize"), base.resolve("/token"),
                base.resolve("/register"), null, List.of("client_secret_basic", "client_secret_post", "none"), List.of(),
                false, false);
    }

    /** Whether the authorization server lists the scope {@code scope}. */
    public boolean supportsScope(String scope) {
        return scopesSupported != null && scopesSupported.contains(scope);
    }

    private static String text(JsonNode json, String name) {
        JsonNode n = json.get(name);
        return n == null || !n.isString() || n.asString().isBlank() ? null : n.asString();
    }

    private static URI uri(JsonNode json, String name, URI source) {
        String value = text(json, name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = source.resolve(value.strip());
            return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()) ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

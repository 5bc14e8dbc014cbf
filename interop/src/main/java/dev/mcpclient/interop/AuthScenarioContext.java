package dev.mcpclient.interop;

import dev.mcpclient.internal.auth.SigningKey;
import java.net.URI;
import tools.jackson.databind.JsonNode;

/**
 * What the conformance suite's authorization scenarios hand the client in {@code MCP_CONFORMANCE_CONTEXT}
 * (see docs/authorization-scenarios.md); a field a scenario does not give is {@code null}.
 * {@link #toString()} shows the scenario and the ids, never a secret, key or token.
 *
 * @param name the scenario's name
 * @param clientId {@code client_id}: the pre-registered client at the MCP server's authorization server
 * @param clientSecret {@code client_secret} (client-credentials-basic, pre-registration, enterprise-managed-authorization)
 * @param issuer {@code issuer} (pre-registration)
 * @param privateKeyPem {@code private_key_pem}: a PKCS#8 PEM key (client-credentials-jwt)
 * @param signingAlgorithm {@code signing_algorithm} ({@code ES256}, client-credentials-jwt)
 * @param idpClientId {@code idp_client_id} (enterprise-managed-authorization)
 * @param idpIdToken {@code idp_id_token}: the user's ID token from the enterprise IdP
 * @param idpIssuer {@code idp_issuer}
 * @param idpTokenEndpoint {@code idp_token_endpoint}: where the ID token is exchanged for an ID-JAG
 * @param validJwt {@code valid_jwt}: the workload's JWT (wif-jwt-bearer)
 * @param wrongAudienceJwt {@code wrong_audience_jwt} (wif-jwt-bearer, for negative tests)
 * @param expiredJwt {@code expired_jwt} (wif-jwt-bearer, for negative tests)
 */
public record AuthScenarioContext(String name, String clientId, String clientSecret, String issuer,
        String privateKeyPem, String signingAlgorithm, String idpClientId, String idpIdToken, String idpIssuer,
        URI idpTokenEndpoint, String validJwt, String wrongAudienceJwt, String expiredJwt) {

    /** Reads the context JSON object. */
    public static AuthScenarioContext of(JsonNode context) {
        String endpoint = text(context, "idp_token_endpoint");
        return new AuthScenarioContext(text(context, "name"), text(context, "client_id"), text(context, "client_secret"),
                text(context, "issuer"), text(context, "private_key_pem"), text(context, "signing_algorithm"),
                text(context, "idp_client_id"), text(context, "idp_id_token"), text(context, "idp_issuer"),
                endpoint == null ? null : URI.create(endpoint), text(context, "valid_jwt"),
                text(context, "wrong_audience_jwt"), text(context, "expired_jwt"));
    }

    /**
     * The signing key of {@code private_key_jwt} (client-credentials-jwt).
     *
     * @throws IllegalStateException when the context gives no {@code private_key_pem}
     */
    public SigningKey signingKey() {
        return SigningKey.fromPem(require(privateKeyPem, "private_key_pem"), signingAlgorithm, null);
    }

    /**
     * {@code value}, which the scenario must give.
     *
     * @throws IllegalStateException naming the missing {@code field}
     */
    public <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalStateException("the context of " + name + " has no " + field);
        }
        return value;
    }

    @Override
    public String toString() {
        return "AuthScenarioContext[" + name + ", client_id=" + clientId
                + (clientSecret == null ? "" : ", client_secret=***")
                + (privateKeyPem == null ? "" : ", private_key_pem=***, signing_algorithm=" + signingAlgorithm)
                + (idpClientId == null ? "" : ", idp_client_id=" + idpClientId + ", idp_id_token=***, idp_issuer="
                        + idpIssuer + ", idp_token_endpoint=" + idpTokenEndpoint)
                + (validJwt == null ? "" : ", valid_jwt=***") + "]";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}

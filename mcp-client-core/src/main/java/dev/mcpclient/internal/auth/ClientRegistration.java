package dev.mcpclient.internal.auth;

/**
 * The client's identity at one authorization server: pre-registered, a Client ID Metadata Document
 * URL, or dynamically registered. {@code toString()} never shows the secret.
 *
 * @param clientId the client id
 * @param clientSecret the client secret, or {@code null} for a public client
 * @param tokenEndpointAuthMethod how the client authenticates at the token endpoint
 *     ({@code client_secret_basic}, {@code client_secret_post}, {@code none})
 * @param issuer the issuer it belongs to, or {@code null} for the 2025-03-26 fallback endpoints
 */
public record ClientRegistration(String clientId, String clientSecret, String tokenEndpointAuthMethod, String issuer) {

    @Override
    public String toString() {
        return "ClientRegistration[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "******")
                + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod + ", issuer=" + issuer + "]";
    }
}

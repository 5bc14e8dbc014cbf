package dev.mcpclient.internal.auth;

import java.net.URI;

/**
 * What the application told about its client: pre-registered credentials, a Client ID Metadata
 * Document URL, the redirect URI and the name it registers with. {@code toString()} never shows the secret.
 *
 * @param clientId the pre-registered client id, or {@code null}
 * @param clientSecret the pre-registered client secret, or {@code null}
 * @param clientMetadataUrl the URL of the client's metadata document (used as its client id where the
 *     authorization server accepts one), or {@code null}
 * @param redirectUri the redirect URI of the authorization code grant, or {@code null} for client credentials
 * @param clientName the name registered dynamically
 * @param clientCredentials whether the client uses the client credentials grant (else the authorization code grant)
 * @param privateKeyJwt whether the client has a key for {@code private_key_jwt} client authentication
 * @param assertionGrant whether the client uses a JWT bearer grant (workload identity, Enterprise-Managed
 *     Authorization): it never registers, and without a client id it sends none
 */
public record ClientSettings(String clientId, String clientSecret, String clientMetadataUrl, URI redirectUri,
        String clientName, boolean clientCredentials, boolean privateKeyJwt, boolean assertionGrant) {

    /** Settings of a client with a secret or none, for the authorization code or client credentials grant. */
    public ClientSettings(String clientId, String clientSecret, String clientMetadataUrl, URI redirectUri,
            String clientName, boolean clientCredentials) {
        this(clientId, clientSecret, clientMetadataUrl, redirectUri, clientName, clientCredentials, false, false);
    }

    @Override
    public String toString() {
        return "ClientSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "******")
                + ", clientMetadataUrl=" + clientMetadataUrl + ", redirectUri=" + redirectUri + ", clientName=" + clientName
                + ", clientCredentials=" + clientCredentials + ", privateKeyJwt=" + privateKeyJwt
                + ", assertionGrant=" + assertionGrant + "]";
    }
}

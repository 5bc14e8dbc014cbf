package dev.mcpclient.boot.autoconfigure;

/**
 * How one server's requests are authorized, resolved from {@link McpServerAuthProperties}.
 *
 * @param springSecurity tokens from Spring Security's OAuth2 client, or {@code null}
 * @param oauth the MCP authorization specification's OAuth client, or {@code null}
 * @since 0.2.0
 */
public record McpServerAuthSettings(SpringSecurity springSecurity, OAuth oauth) {

    /** No authorization: requests carry only the configured headers. */
    public static final McpServerAuthSettings NONE = new McpServerAuthSettings(null, null);

    /** The settings of {@code properties}, validated. */
    static McpServerAuthSettings of(McpServerAuthProperties properties) {
        McpServerAuthProperties.SpringSecurity springSecurity = properties.getSpringSecurity();
        if (springSecurity.getRegistrationId() != null) {
            String registrationId = springSecurity.getRegistrationId().strip();
            String principal = springSecurity.getPrincipal() == null ? registrationId : springSecurity.getPrincipal().strip();
            return new McpServerAuthSettings(new SpringSecurity(registrationId, principal), null);
        }
        if (properties.isOAuthSet()) {
            McpServerAuthProperties.Enterprise e = properties.getEnterprise();
            Enterprise enterprise = e.getIdpTokenEndpoint() == null ? null : new Enterprise(strip(e.getIdpTokenEndpoint()),
                    e.getIdTokenFile(), strip(e.getIdpClientId()), e.getIdpClientSecret());
            String privateKey = properties.getPrivateKey() != null ? properties.getPrivateKey() : read(properties.getPrivateKeyLocation());
            return new McpServerAuthSettings(null, new OAuth(grantType(properties, privateKey), strip(properties.getClientId()),
                    properties.getClientSecret(), strip(properties.getClientMetadataUrl()), strip(properties.getClientName()),
                    strip(properties.getRedirectUri()), strip(properties.getScope()), properties.isOfflineAccess(),
                    properties.getRefreshSkew(), properties.getTimeout(), privateKey, strip(properties.getPrivateKeyAlgorithm()),
                    strip(properties.getKeyId()), properties.getAssertionFile(), enterprise,
                    properties.isDpop() || properties.getDpopKey() != null, properties.getDpopKey()));
        }
        return NONE;
    }

    /** The grant set, or the one what is set implies. */
    static McpServerAuthProperties.GrantType grantType(McpServerAuthProperties properties, String privateKey) {
        if (properties.getGrantType() != null) {
            return properties.getGrantType();
        }
        if (properties.getEnterprise().getIdpTokenEndpoint() != null) {
            return McpServerAuthProperties.GrantType.ENTERPRISE_MANAGED;
        }
        if (properties.getAssertionFile() != null) {
            return McpServerAuthProperties.GrantType.JWT_BEARER;
        }
        if (properties.getClientSecret() != null || privateKey != null) {
            return McpServerAuthProperties.GrantType.CLIENT_CREDENTIALS;
        }
        return McpServerAuthProperties.GrantType.AUTHORIZATION_CODE;
    }

    /** The text of {@code resource}, or {@code null}; unreadable is a configuration error naming it (never its content). */
    private static String read(org.springframework.core.io.Resource resource) {
        if (resource == null) {
            return null;
        }
        try (java.io.InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The private key at " + resource.getDescription() + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * The MCP authorization specification's OAuth client ({@link dev.mcpclient.auth.OAuthAuthorization}).
     * {@link #toString()} never shows a secret or key.
     *
     * @param grantType the grant
     * @param clientId the pre-registered client id, or {@code null}
     * @param clientSecret its secret, or {@code null}
     * @param clientMetadataUrl the client's Client ID Metadata Document URL, or {@code null}
     * @param clientName the client name of a dynamic registration, or {@code null}
     * @param redirectUri the authorization code grant's redirect URI, or {@code null}
     * @param scope the scope asked for when the server names none, or {@code null}
     * @param offlineAccess whether to ask for a refresh token where offered
     * @param refreshSkew how long before it expires a token is renewed
     * @param timeout how long one call to the authorization server may take
     * @param privateKey the private_key_jwt key (PEM or JWK text), or {@code null}
     * @param privateKeyAlgorithm its JWS algorithm, or {@code null} for the key's usual one
     * @param keyId its kid, or {@code null}
     * @param assertionFile the jwt-bearer grant's JWT file, or {@code null}
     * @param enterprise Enterprise-Managed Authorization, or {@code null}
     * @param dpop whether tokens are bound to a DPoP key where supported
     * @param dpopKey the DPoP key (a private JWK), or {@code null} for a new one
     */
    public record OAuth(McpServerAuthProperties.GrantType grantType, String clientId, String clientSecret,
            String clientMetadataUrl, String clientName, String redirectUri, String scope, boolean offlineAccess,
            java.time.Duration refreshSkew, java.time.Duration timeout, String privateKey, String privateKeyAlgorithm,
            String keyId, java.nio.file.Path assertionFile, Enterprise enterprise, boolean dpop, String dpopKey) {

        @Override
        public String toString() {
            return "OAuth[grantType=" + grantType + ", clientId=" + clientId + ", clientSecret="
                    + McpServerAuthProperties.shown(clientSecret) + ", privateKey=" + McpServerAuthProperties.shown(privateKey)
                    + ", clientMetadataUrl=" + clientMetadataUrl + ", redirectUri=" + redirectUri + ", scope=" + scope
                    + ", assertionFile=" + assertionFile + ", enterprise=" + enterprise + ", dpop=" + dpop + "]";
        }
    }

    /**
     * Enterprise-Managed Authorization.
     *
     * @param idpTokenEndpoint the enterprise IdP's token endpoint
     * @param idTokenFile the file holding the user's ID token
     * @param idpClientId the client id at the IdP, or {@code null}
     * @param idpClientSecret the client secret at the IdP, or {@code null}; never shown
     */
    public record Enterprise(String idpTokenEndpoint, java.nio.file.Path idTokenFile, String idpClientId,
            String idpClientSecret) {

        @Override
        public String toString() {
            return "Enterprise[idpTokenEndpoint=" + idpTokenEndpoint + ", idTokenFile=" + idTokenFile + ", idpClientId="
                    + idpClientId + ", idpClientSecret=" + McpServerAuthProperties.shown(idpClientSecret) + "]";
        }
    }

    /**
     * Tokens of a client registration of Spring Security's OAuth2 client.
     *
     * @param registrationId the client registration's id
     * @param principal the principal name its authorized client is kept under
     */
    public record SpringSecurity(String registrationId, String principal) {
    }
}

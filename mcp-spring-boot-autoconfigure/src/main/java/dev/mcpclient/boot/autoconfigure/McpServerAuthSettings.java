package dev.mcpclient.boot.autoconfigure;

/**
 * How one server's requests are authorized, resolved from {@link McpServerAuthProperties}.
 *
 * @param springSecurity tokens from Spring Security's OAuth2 client, or {@code null}
 * @param oauth the MCP authorization specification's OAuth client, or {@code null}
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
            McpServerAuthProperties.GrantType grant = properties.getGrantType() != null ? properties.getGrantType()
                    : properties.getClientSecret() != null ? McpServerAuthProperties.GrantType.CLIENT_CREDENTIALS
                    : McpServerAuthProperties.GrantType.AUTHORIZATION_CODE;
            return new McpServerAuthSettings(null, new OAuth(grant, strip(properties.getClientId()),
                    properties.getClientSecret(), strip(properties.getClientMetadataUrl()), strip(properties.getClientName()),
                    strip(properties.getRedirectUri()), strip(properties.getScope()), properties.isOfflineAccess(),
                    properties.getRefreshSkew(), properties.getTimeout()));
        }
        return NONE;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * The MCP authorization specification's OAuth client ({@link dev.mcpclient.auth.OAuthAuthorization}).
     *
     * @param grantType the grant
     * @param clientId the pre-registered client id, or {@code null}
     * @param clientSecret its secret, or {@code null}; never shown by {@link #toString()}
     * @param clientMetadataUrl the client's Client ID Metadata Document URL, or {@code null}
     * @param clientName the client name of a dynamic registration, or {@code null}
     * @param redirectUri the authorization code grant's redirect URI, or {@code null}
     * @param scope the scope asked for when the server names none, or {@code null}
     * @param offlineAccess whether to ask for a refresh token where offered
     * @param refreshSkew how long before it expires a token is renewed
     * @param timeout how long one call to the authorization server may take
     */
    public record OAuth(McpServerAuthProperties.GrantType grantType, String clientId, String clientSecret,
            String clientMetadataUrl, String clientName, String redirectUri, String scope, boolean offlineAccess,
            java.time.Duration refreshSkew, java.time.Duration timeout) {

        @Override
        public String toString() {
            return "OAuth[grantType=" + grantType + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? null : "******") + ", clientMetadataUrl=" + clientMetadataUrl
                    + ", redirectUri=" + redirectUri + ", scope=" + scope + "]";
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

package dev.mcpclient.boot.autoconfigure;

import java.time.Duration;

/**
 * How requests to one HTTP server are authorized ({@code mcp.client.servers.<name>.auth}): by the MCP
 * authorization specification's OAuth client ({@code client-id}, {@code client-secret},
 * {@code grant-type} and the other properties here, see {@link dev.mcpclient.auth.OAuthAuthorization}),
 * or with the tokens of Spring Security's OAuth2 client ({@code spring-security.*}). Nothing is set by
 * default: requests carry only the configured headers.
 */
public class McpServerAuthProperties {

    /**
     * The OAuth grant: client-credentials (the service acts on its own behalf; needs client-id and
     * client-secret) or authorization-code (a user signs in; needs redirect-uri and an
     * AuthorizationCodeHandler bean). Default: client-credentials when client-secret is set, else
     * authorization-code.
     */
    private GrantType grantType;

    /** The client id registered with the server's authorization server beforehand. */
    private String clientId;

    /** The pre-registered client's secret. Never shown in logs, health details or configuration endpoints. */
    private String clientSecret;

    /**
     * The https URL of the client's Client ID Metadata Document, used as its client id where the
     * authorization server supports it (authorization-code).
     */
    private String clientMetadataUrl;

    /** The client_name of a dynamic client registration. */
    private String clientName;

    /** The redirect URI of the authorization-code grant. */
    private String redirectUri;

    /**
     * The scope to ask for when the server's challenge names none (space-separated). Default: the scopes
     * of the server's protected resource metadata.
     */
    private String scope;

    /** Whether to ask for offline_access (a refresh token) where the authorization server offers it. */
    private boolean offlineAccess = true;

    /** How long before it expires a token is renewed. */
    private Duration refreshSkew = Duration.ofSeconds(30);

    /** How long one call to the authorization server may take. */
    private Duration timeout = Duration.ofSeconds(30);

    /**
     * Tokens from Spring Security's OAuth2 client, for a client registration declared under
     * spring.security.oauth2.client.registration.
     */
    private final SpringSecurity springSecurity = new SpringSecurity();

    public SpringSecurity getSpringSecurity() {
        return springSecurity;
    }

    public GrantType getGrantType() {
        return grantType;
    }

    public void setGrantType(GrantType grantType) {
        this.grantType = grantType;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getClientMetadataUrl() {
        return clientMetadataUrl;
    }

    public void setClientMetadataUrl(String clientMetadataUrl) {
        this.clientMetadataUrl = clientMetadataUrl;
    }

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public boolean isOfflineAccess() {
        return offlineAccess;
    }

    public void setOfflineAccess(boolean offlineAccess) {
        this.offlineAccess = offlineAccess;
    }

    public Duration getRefreshSkew() {
        return refreshSkew;
    }

    public void setRefreshSkew(Duration refreshSkew) {
        this.refreshSkew = refreshSkew;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Whether any property of the OAuth client is set (it then authorizes the server's requests). */
    boolean isOAuthSet() {
        return grantType != null || clientId != null || clientSecret != null || clientMetadataUrl != null
                || redirectUri != null || clientName != null || scope != null;
    }

    /** The client secret is shown only as set or not. */
    @Override
    public String toString() {
        return "Auth[grantType=" + grantType + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? null : "******") + ", clientMetadataUrl=" + clientMetadataUrl + ", redirectUri="
                + redirectUri + ", scope=" + scope + ", springSecurity=" + springSecurity + "]";
    }

    /** The OAuth grant a server's requests are authorized with. */
    public enum GrantType {
        /** The service acts on its own behalf with its client credentials. */
        CLIENT_CREDENTIALS,
        /** A user signs in and authorizes the client (with PKCE). */
        AUTHORIZATION_CODE
    }

    /**
     * Tokens from Spring Security's OAuth2 client ({@code auth.spring-security}): the access token of
     * a client registration, sent as {@code Authorization: Bearer}.
     */
    public static class SpringSecurity {

        /**
         * The id of the client registration whose access tokens authorize the requests, as declared
         * under spring.security.oauth2.client.registration.<id> (typically a client_credentials
         * registration).
         */
        private String registrationId;

        /**
         * The principal name the authorized client is kept under. Defaults to the registration id.
         */
        private String principal;

        public String getRegistrationId() {
            return registrationId;
        }

        public void setRegistrationId(String registrationId) {
            this.registrationId = registrationId;
        }

        public String getPrincipal() {
            return principal;
        }

        public void setPrincipal(String principal) {
            this.principal = principal;
        }

        @Override
        public String toString() {
            return "SpringSecurity[registrationId=" + registrationId + ", principal=" + principal + "]";
        }
    }
}

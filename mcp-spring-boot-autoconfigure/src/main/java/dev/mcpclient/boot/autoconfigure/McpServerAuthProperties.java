package dev.mcpclient.boot.autoconfigure;

import java.time.Duration;

/**
 * How requests to one HTTP server are authorized ({@code mcp.client.servers.<name>.auth}): by the MCP
 * authorization specification's OAuth client ({@code client-id}, {@code client-secret},
 * {@code grant-type} and the other properties here, see {@link dev.mcpclient.auth.OAuthAuthorization}),
 * or with the tokens of Spring Security's OAuth2 client ({@code spring-security.*}). Nothing is set by
 * default: requests carry only the configured headers.
 *
 * @since 0.2.0
 */
public class McpServerAuthProperties {

    /**
     * The OAuth grant: client-credentials (the service acts on its own behalf; needs client-id and
     * client-secret or private-key), authorization-code (a user signs in; needs redirect-uri and an
     * AuthorizationCodeHandler bean), jwt-bearer (a workload's JWT from assertion-file) or
     * enterprise-managed (a user's ID token exchanged at the enterprise IdP, enterprise.*). Default: from
     * what is set (client-secret or private-key: client-credentials; assertion-file: jwt-bearer;
     * enterprise.idp-token-endpoint: enterprise-managed), else authorization-code.
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
     * The client's private key for private_key_jwt client authentication: a PKCS#8 PEM or a private JWK.
     * Never shown.
     */
    private String privateKey;

    /** Where the private key is read from (instead of private-key), e.g. file:/run/secrets/mcp-key.pem. */
    private org.springframework.core.io.Resource privateKeyLocation;

    /** The JWS algorithm of the client assertions. Default: the key's usual one (ES256, RS256). */
    private String privateKeyAlgorithm;

    /** The kid of the client assertions' header. */
    private String keyId;

    /** The file holding the workload's JWT for the jwt-bearer grant, read again before each token request. */
    private java.nio.file.Path assertionFile;

    /** Bind tokens to a DPoP key (RFC 9449) where the authorization server supports it. */
    private boolean dpop;

    /** The DPoP key, a private JWK (implies dpop). Default: a new P-256 key per server. Never shown. */
    private String dpopKey;

    /** Enterprise-Managed Authorization (the enterprise-managed grant). */
    private final Enterprise enterprise = new Enterprise();

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

    public String getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public org.springframework.core.io.Resource getPrivateKeyLocation() {
        return privateKeyLocation;
    }

    public void setPrivateKeyLocation(org.springframework.core.io.Resource privateKeyLocation) {
        this.privateKeyLocation = privateKeyLocation;
    }

    public String getPrivateKeyAlgorithm() {
        return privateKeyAlgorithm;
    }

    public void setPrivateKeyAlgorithm(String privateKeyAlgorithm) {
        this.privateKeyAlgorithm = privateKeyAlgorithm;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public java.nio.file.Path getAssertionFile() {
        return assertionFile;
    }

    public void setAssertionFile(java.nio.file.Path assertionFile) {
        this.assertionFile = assertionFile;
    }

    public boolean isDpop() {
        return dpop;
    }

    public void setDpop(boolean dpop) {
        this.dpop = dpop;
    }

    public String getDpopKey() {
        return dpopKey;
    }

    public void setDpopKey(String dpopKey) {
        this.dpopKey = dpopKey;
    }

    public Enterprise getEnterprise() {
        return enterprise;
    }

    /** Whether any property of the OAuth client is set (it then authorizes the server's requests). */
    boolean isOAuthSet() {
        return grantType != null || clientId != null || clientSecret != null || clientMetadataUrl != null
                || redirectUri != null || clientName != null || scope != null || privateKey != null
                || privateKeyLocation != null || assertionFile != null || dpopKey != null || dpop
                || enterprise.getIdpTokenEndpoint() != null;
    }

    /** Secrets are shown only as set or not. */
    @Override
    public String toString() {
        return "Auth[grantType=" + grantType + ", clientId=" + clientId + ", clientSecret=" + shown(clientSecret)
                + ", privateKey=" + shown(privateKey) + ", privateKeyLocation=" + privateKeyLocation
                + ", clientMetadataUrl=" + clientMetadataUrl + ", redirectUri=" + redirectUri + ", scope=" + scope
                + ", assertionFile=" + assertionFile + ", dpop=" + dpop + ", enterprise=" + enterprise
                + ", springSecurity=" + springSecurity + "]";
    }

    static String shown(String secret) {
        return secret == null ? null : "******";
    }

    /**
     * Enterprise-Managed Authorization ({@code auth.enterprise}): the user's ID token from the
     * enterprise IdP is exchanged there for an identity assertion, presented to the MCP server's
     * authorization server in a JWT bearer grant.
     */
    public static class Enterprise {

        /** The enterprise IdP's token endpoint, where the ID token is exchanged. */
        private String idpTokenEndpoint;

        /** The file holding the user's ID token, read again before each exchange. */
        private java.nio.file.Path idTokenFile;

        /** This application's client id at the IdP. */
        private String idpClientId;

        /** This application's client secret at the IdP. Never shown. */
        private String idpClientSecret;

        public String getIdpTokenEndpoint() {
            return idpTokenEndpoint;
        }

        public void setIdpTokenEndpoint(String idpTokenEndpoint) {
            this.idpTokenEndpoint = idpTokenEndpoint;
        }

        public java.nio.file.Path getIdTokenFile() {
            return idTokenFile;
        }

        public void setIdTokenFile(java.nio.file.Path idTokenFile) {
            this.idTokenFile = idTokenFile;
        }

        public String getIdpClientId() {
            return idpClientId;
        }

        public void setIdpClientId(String idpClientId) {
            this.idpClientId = idpClientId;
        }

        public String getIdpClientSecret() {
            return idpClientSecret;
        }

        public void setIdpClientSecret(String idpClientSecret) {
            this.idpClientSecret = idpClientSecret;
        }

        @Override
        public String toString() {
            return "Enterprise[idpTokenEndpoint=" + idpTokenEndpoint + ", idTokenFile=" + idTokenFile + ", idpClientId="
                    + idpClientId + ", idpClientSecret=" + shown(idpClientSecret) + "]";
        }
    }

    /** The OAuth grant a server's requests are authorized with. */
    public enum GrantType {
        /** The service acts on its own behalf with its client credentials. */
        CLIENT_CREDENTIALS,
        /** A user signs in and authorizes the client (with PKCE). */
        AUTHORIZATION_CODE,
        /** The client presents a JWT it holds (a workload identity token) in the JWT bearer grant. */
        JWT_BEARER,
        /** Enterprise-Managed Authorization: a user's ID token from the enterprise IdP, exchanged there. */
        ENTERPRISE_MANAGED
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

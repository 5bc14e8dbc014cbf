package dev.mcpclient.boot.autoconfigure;

/**
 * How requests to one HTTP server are authorized ({@code mcp.client.servers.<name>.auth}). Nothing is
 * set by default: requests carry only the configured headers.
 */
public class McpServerAuthProperties {

    /**
     * Tokens from Spring Security's OAuth2 client, for a client registration declared under
     * spring.security.oauth2.client.registration.
     */
    private final SpringSecurity springSecurity = new SpringSecurity();

    public SpringSecurity getSpringSecurity() {
        return springSecurity;
    }

    @Override
    public String toString() {
        return "Auth[springSecurity=" + springSecurity + "]";
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

package dev.mcpclient.boot.autoconfigure;

/**
 * How one server's requests are authorized, resolved from {@link McpServerAuthProperties}.
 *
 * @param springSecurity tokens from Spring Security's OAuth2 client, or {@code null}
 */
public record McpServerAuthSettings(SpringSecurity springSecurity) {

    /** No authorization: requests carry only the configured headers. */
    public static final McpServerAuthSettings NONE = new McpServerAuthSettings(null);

    /** The settings of {@code properties}, validated. */
    static McpServerAuthSettings of(McpServerAuthProperties properties) {
        McpServerAuthProperties.SpringSecurity springSecurity = properties.getSpringSecurity();
        if (springSecurity.getRegistrationId() == null) {
            return NONE;
        }
        String registrationId = springSecurity.getRegistrationId().strip();
        String principal = springSecurity.getPrincipal() == null ? registrationId : springSecurity.getPrincipal().strip();
        return new McpServerAuthSettings(new SpringSecurity(registrationId, principal));
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

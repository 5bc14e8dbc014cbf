package dev.mcpclient.internal.auth;

/**
 * Where the tokens of one MCP server come from, as discovery found it.
 *
 * @param resourceMetadata the server's protected resource metadata, or {@code null} (2025-03-26)
 * @param server the authorization server's metadata
 * @param client the client's identity there
 * @param resource the RFC 8707 resource to ask tokens for, or {@code null} when the server published none
 */
public record AuthorizationTarget(ProtectedResourceMetadata resourceMetadata, AuthorizationServerMetadata server,
        ClientRegistration client, String resource) {
}

/**
 * Authorization of requests to remote MCP servers: the {@link dev.mcpclient.auth.McpAuthorization}
 * hook every HTTP transport calls, and {@link dev.mcpclient.auth.OAuthAuthorization}, the MCP
 * authorization specification's OAuth 2.1 client.
 */
package dev.mcpclient.auth;

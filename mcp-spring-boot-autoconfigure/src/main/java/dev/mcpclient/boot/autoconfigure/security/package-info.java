/**
 * Authorization of MCP servers' requests by Spring Security's OAuth2 client: the access tokens of a
 * client registration ({@link dev.mcpclient.boot.autoconfigure.security.SpringSecurityMcpAuthorization}).
 */
package dev.mcpclient.boot.autoconfigure.security;

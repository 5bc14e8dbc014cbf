package dev.mcpclient;

/** The blocking client: {@link McpClient}'s methods, each waiting for its call on the reactive twin. */
record DefaultMcpClient(ReactiveMcpClient reactive) implements McpClient {
}

package dev.mcpclient.jsonrpc;

/**
 * A JSON-RPC 2.0 message: a request, a notification or a response.
 *
 * @since 0.2.0
 */
public sealed interface JsonRpcMessage permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {
}

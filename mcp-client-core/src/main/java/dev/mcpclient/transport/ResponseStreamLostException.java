package dev.mcpclient.transport;

import dev.mcpclient.McpTransportException;

/**
 * A request's response stream ended or broke before its response, where nothing can bring that
 * response any more (MCP 2026-07-28: no resumption, no other stream): the request is lost. The
 * session sends it again as a new request, with a new id, once.
 *
 * @since 0.2.0
 */
public class ResponseStreamLostException extends McpTransportException {

    public ResponseStreamLostException(String message, Throwable cause) {
        super(message, cause);
    }
}

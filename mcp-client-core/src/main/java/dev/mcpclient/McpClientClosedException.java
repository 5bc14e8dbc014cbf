package dev.mcpclient;

/** The client was closed before the call could settle, or a call was made after {@code close()}. */
public class McpClientClosedException extends McpException {

    public McpClientClosedException(String message) {
        super(message);
    }
}

package dev.mcpclient;

/**
 * The transport could not deliver a message or its response: a refused or reset connection, an
 * HTTP error status, an unexpected content type, a stream that ended and could not be resumed.
 *
 * @since 0.2.0
 */
public class McpTransportException extends McpException {

    private final int status;
    private final String bodyExcerpt;

    /** A failure without an HTTP status (connection refused or reset, a stream that ended). */
    public McpTransportException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.bodyExcerpt = null;
    }

    /** A failure with an HTTP status and an excerpt of the response body. */
    public McpTransportException(String message, int status, String bodyExcerpt) {
        super(message + " (HTTP " + status + (bodyExcerpt == null || bodyExcerpt.isEmpty() ? ")" : "): " + bodyExcerpt));
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
    }

    /** The HTTP status, or {@code 0} when the failure had none. */
    public int status() {
        return status;
    }

    /** The start of the response body, or {@code null}. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }
}

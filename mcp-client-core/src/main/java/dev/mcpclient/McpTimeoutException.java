package dev.mcpclient;

import java.time.Duration;

/** A request got no response within its timeout. The client sent {@code notifications/cancelled}. */
public class McpTimeoutException extends McpException {

    private final String method;
    private final Duration timeout;

    public McpTimeoutException(String method, Duration timeout) {
        super(method + " timed out after " + timeout.toMillis() + " ms");
        this.method = method;
        this.timeout = timeout;
    }

    /** The method of the request that timed out. */
    public String method() {
        return method;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}

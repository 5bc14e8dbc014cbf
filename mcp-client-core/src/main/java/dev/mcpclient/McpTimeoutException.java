package dev.mcpclient;

import java.time.Duration;

/**
 * A request got no response within its timeout. The client sent {@code notifications/cancelled}.
 *
 * @since 0.2.0
 */
public class McpTimeoutException extends McpException {

    private final String method;
    private final Duration timeout;
    private final boolean maxTotalTimeout;

    /** A request that got no response within {@code timeout}. */
    public McpTimeoutException(String method, Duration timeout) {
        this(method, timeout, false);
    }

    /**
     * @param method the method of the request
     * @param timeout the timeout that expired
     * @param maxTotalTimeout whether {@code timeout} is the call's maximum total timeout (progress
     *     restarted its ordinary timeout until then)
     */
    public McpTimeoutException(String method, Duration timeout, boolean maxTotalTimeout) {
        super(method + (maxTotalTimeout ? " reached its maximum total timeout of " : " timed out after ")
                + timeout.toMillis() + " ms");
        this.method = method;
        this.timeout = timeout;
        this.maxTotalTimeout = maxTotalTimeout;
    }

    /** The method of the request that timed out. */
    public String method() {
        return method;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the expired timeout is the call's maximum total timeout rather than its (progress-restarted) timeout. */
    public boolean isMaxTotalTimeout() {
        return maxTotalTimeout;
    }
}

package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.transport.http.ReconnectPolicy;
import java.time.Duration;

/**
 * When streams are resumed and the connection retried ({@code mcp.client.servers.<name>.reconnect}).
 * The defaults are those of {@link ReconnectPolicy#DEFAULT}.
 *
 * @since 0.2.0
 */
public class McpReconnectProperties {

    /**
     * Delay before the first reconnect, doubled on each attempt, when the server asked for none.
     */
    private Duration initialDelay = ReconnectPolicy.DEFAULT.initialDelay();

    /**
     * Largest delay between reconnects.
     */
    private Duration maxDelay = ReconnectPolicy.DEFAULT.maxDelay();

    /**
     * Reconnects in a row that bring no new event before a request's stream is given up.
     */
    private int maxAttemptsWithoutProgress = ReconnectPolicy.DEFAULT.maxAttemptsWithoutProgress();

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getMaxAttemptsWithoutProgress() {
        return maxAttemptsWithoutProgress;
    }

    public void setMaxAttemptsWithoutProgress(int maxAttemptsWithoutProgress) {
        this.maxAttemptsWithoutProgress = maxAttemptsWithoutProgress;
    }

    @Override
    public String toString() {
        return "Reconnect[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", maxAttemptsWithoutProgress="
                + maxAttemptsWithoutProgress + "]";
    }
}

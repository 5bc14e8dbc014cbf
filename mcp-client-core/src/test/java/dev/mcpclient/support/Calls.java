package dev.mcpclient.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** What the client tests read from the calls they make. */
public final class Calls {

    /**
     * How long a test waits for something that should happen promptly: far less than the request
     * timeouts of the clients that the tests fail calls of.
     */
    public static final Duration PROMPTLY = Duration.ofSeconds(10);

    private Calls() {
    }

    /** The text of a tool result's first content block. */
    public static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    /** The error the call failed with, waiting {@link #PROMPTLY} at most (not for the call's timeout). */
    public static Throwable failure(CompletableFuture<?> call) {
        assertThatThrownBy(() -> call.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .as("the call fails promptly, not by its timeout")
                .isInstanceOf(ExecutionException.class);
        return call.handle((value, error) -> error).join();
    }
}

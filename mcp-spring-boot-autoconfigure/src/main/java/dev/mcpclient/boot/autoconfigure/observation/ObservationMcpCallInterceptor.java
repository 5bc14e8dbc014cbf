package dev.mcpclient.boot.autoconfigure.observation;

import dev.mcpclient.McpCallInterceptor;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.boot.autoconfigure.observation.McpClientObservationContext.Outcome;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpMethods;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Observes every call of one server's client. The observation is the parent of the call's HTTP
 * exchanges (it travels in the Reactor context, where {@code WebClient} looks for it), so with
 * tracing the trace context goes out on the requests. Its own parent is the caller's observation:
 * from the Reactor context, or the current one of the calling thread for the blocking client.
 *
 * <p>The observation carries the protocol revision the client speaks, read as the call starts and
 * again as it ends (the first call connects the client, and finds the revision on the way).
 *
 * @since 0.2.0
 */
public class ObservationMcpCallInterceptor implements McpCallInterceptor {

    private static final McpClientObservationConvention DEFAULT = new DefaultMcpClientObservationConvention();

    private final ObservationRegistry registry;
    private final String server;
    private final McpClientObservationConvention convention;
    private final Supplier<String> protocolVersion;

    /**
     * An interceptor that does not know the client's protocol revision: its observations carry none
     * ({@link McpClientObservationContext#getProtocolVersion()} is {@code null}).
     *
     * @param registry where observations go
     * @param server the server's name
     * @param convention a custom convention, or {@code null} for the default
     */
    public ObservationMcpCallInterceptor(ObservationRegistry registry, String server,
            McpClientObservationConvention convention) {
        this(registry, server, convention, () -> null);
    }

    /**
     * @param registry where observations go
     * @param server the server's name
     * @param convention a custom convention, or {@code null} for the default
     * @param protocolVersion the revision the client speaks now, or {@code null} while it is not known
     *     (e.g. {@code () -> client.status().protocolVersion()}); read as each call starts and as it ends
     */
    public ObservationMcpCallInterceptor(ObservationRegistry registry, String server,
            McpClientObservationConvention convention, Supplier<String> protocolVersion) {
        this.registry = registry;
        this.server = server;
        this.convention = convention;
        this.protocolVersion = Objects.requireNonNull(protocolVersion, "protocolVersion");
    }

    @Override
    public <T> Mono<T> intercept(McpCall call, Mono<T> execution) {
        return Mono.deferContextual(reactorContext -> {
            Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY,
                    registry.getCurrentObservation());
            McpClientObservationContext context = new McpClientObservationContext(server, call);
            // Unknown before the client first connects; the call that connects it ends with the revision found.
            context.setProtocolVersion(protocolVersion.get());
            Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry)
                    .parentObservation(parent)
                    .start();
            // The first of success, error and cancellation ends the observation; a cancel after the result is ignored.
            AtomicBoolean ended = new AtomicBoolean();
            return execution
                    .doOnSuccess(result -> {
                        if (ended.compareAndSet(false, true)) {
                            context.setOutcome(isToolError(call, result) ? Outcome.TOOL_ERROR : Outcome.SUCCESS);
                            context.setProtocolVersion(protocolVersion.get());
                            observation.stop();
                        }
                    })
                    .doOnError(e -> {
                        if (ended.compareAndSet(false, true)) {
                            context.setOutcome(outcomeOf(e));
                            context.setProtocolVersion(protocolVersion.get());
                            observation.error(e);
                            observation.stop();
                        }
                    })
                    .doOnCancel(() -> {
                        if (ended.compareAndSet(false, true)) {
                            context.setOutcome(Outcome.CANCELLED);
                            context.setProtocolVersion(protocolVersion.get());
                            observation.stop();
                        }
                    })
                    .contextWrite(c -> c.put(ObservationThreadLocalAccessor.KEY, observation));
        });
    }

    /** A tool result that reports the tool's own failure: typed ({@code callTool}) or raw ({@code request}). */
    private static boolean isToolError(McpCall call, Object result) {
        if (!McpMethods.TOOLS_CALL.equals(call.method())) {
            return false;
        }
        if (result instanceof CallToolResult typed) {
            return typed.isError();
        }
        return result instanceof JsonNode node && node.path("isError").asBoolean(false);
    }

    private static Outcome outcomeOf(Throwable e) {
        if (e instanceof McpErrorException) {
            return Outcome.ERROR;
        }
        if (e instanceof McpTimeoutException) {
            return Outcome.TIMEOUT;
        }
        return Outcome.FAILURE;
    }
}

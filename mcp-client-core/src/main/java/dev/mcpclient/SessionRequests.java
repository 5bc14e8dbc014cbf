package dev.mcpclient;

import dev.mcpclient.internal.session.EraLifecycle;
import dev.mcpclient.internal.session.McpSession;
import dev.mcpclient.internal.session.RequestOptions;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * One request of the client on its session, as the era needs it (the calls' layer below the
 * interceptors): the capability check, the multi round-trip requests of the modern era (an
 * {@code InputRequiredResult} answered by {@link InputRounds} and the request sent again, all inside
 * the one call and its one timeout), and for {@code tools/call} its {@code x-mcp-header} values
 * ({@link ToolDeclarations}), listing the tools first when none were ever listed, and once more after
 * a {@code HeaderMismatch}.
 */
final class SessionRequests {

    private static final Logger log = LoggerFactory.getLogger(DefaultReactiveMcpClient.class);

    private final McpSession session;
    private final EraLifecycle lifecycle;
    private final CapabilityGuard guard;
    private final InputRounds rounds;
    private final ToolDeclarations declarations;
    private final ListCache<ListToolsResult> tools;
    private final Function<CallOptions, Mono<ListToolsResult>> listTools;
    private final Supplier<String> serverName;

    /**
     * @param tools the client's cached tool list (whether one is known)
     * @param listTools the client's full listing of the tools (cached, through the interceptors)
     * @param serverName the server in log lines
     */
    SessionRequests(McpSession session, EraLifecycle lifecycle, CapabilityGuard guard, InputRounds rounds,
            ToolDeclarations declarations, ListCache<ListToolsResult> tools,
            Function<CallOptions, Mono<ListToolsResult>> listTools, Supplier<String> serverName) {
        this.session = session;
        this.lifecycle = lifecycle;
        this.guard = guard;
        this.rounds = rounds;
        this.declarations = declarations;
        this.tools = tools;
        this.listTools = listTools;
        this.serverName = serverName;
    }

    /** {@code call} once the era is known, with the options of what remains of the call's timeout after waiting for it. */
    <T> Mono<T> whenReady(String method, CallOptions options, Function<CallOptions, Mono<T>> call) {
        return Mono.defer(() -> {
            if (lifecycle.isReady()) {
                return call.apply(options);
            }
            Duration timeout = options.timeout() != null ? options.timeout() : session.defaultTimeout();
            long started = System.nanoTime();
            return session.ready()
                    .timeout(timeout, Mono.error(() -> new McpTimeoutException(method, timeout)))
                    .then(Mono.defer(() -> {
                        Duration left = timeout.minusNanos(System.nanoTime() - started);
                        return left.isNegative() || left.isZero() ? Mono.<T>error(new McpTimeoutException(method, timeout))
                                : call.apply(new CallOptions(left, options.progress(), options.maxTotalTimeout(), options.meta()));
                    }));
        });
    }

    /**
     * The request on the session, its capability checked once the session is ready. In the handshake
     * era that is all. In the modern era a {@code tools/call} carries its {@code x-mcp-header}
     * parameters as headers and, refused with {@code HeaderMismatch}, lists the tools again and goes
     * once more; an {@code InputRequiredResult} is answered and the request sent again
     * ({@link #nextRound}), all inside this one call.
     */
    <T> Mono<T> send(String method, Object params, CallOptions options, Function<JsonNode, ? extends T> reader) {
        JsonNode tree = McpJson.toParams(params);
        boolean toolCall = McpMethods.TOOLS_CALL.equals(method);
        CallToolRequest call = params instanceof CallToolRequest request ? request : null;
        return Mono.defer(() -> {
            if (lifecycle.isReady() && !(toolCall && needsToolList())) {
                return inEra(method, tree, toolCall, call, options, reader);
            }
            // The modern era mirrors x-mcp-header parameters, which only the tool list declares: a client
            // that never listed the tools lists them once, before its first call.
            return whenReady(method, options, within -> toolCall && needsToolList()
                    ? listTools.apply(listing(within)).then(Mono.defer(() -> inEra(method, tree, true, call, within, reader)))
                    : inEra(method, tree, toolCall, call, within, reader));
        });
    }

    /** The request in the era found: as it is in the handshake era, with what the modern era adds in that one. */
    private <T> Mono<T> inEra(String method, JsonNode params, boolean toolCall, CallToolRequest call, CallOptions options,
            Function<JsonNode, ? extends T> reader) {
        if (!lifecycle.isModern()) {
            // The handshake era: no input rounds, no headers; nothing on the call's path but the request.
            return session.request(method, params, requestOptions(method, options, options.timeout(), Map.of()), reader);
        }
        Map<String, String> headers = toolCall ? declarations.headersFor(call) : Map.of();
        boolean mayAsk = InputRounds.mayAskForInput(method);
        RequestOptions first = requestOptions(method, options, options.timeout(), headers);
        if (!mayAsk && !toolCall) {
            return session.request(method, params, first, reader);
        }
        long started = System.nanoTime();
        // One operator for both second chances, on the error path only.
        return session.<T>request(method, params, first, mayAsk ? InputRounds.reading(reader) : reader)
                .onErrorResume(e -> e instanceof InputRounds.Required || (toolCall && isHeaderMismatch(e)),
                        e -> e instanceof InputRounds.Required required
                                ? nextRound(method, params, options, reader, headers, required.result(), 1, started)
                                : relisted(method, params, call, options, reader, e));
    }

    /** After a {@code HeaderMismatch}: the tools listed again, and the call once more with the headers they declare. */
    private <T> Mono<T> relisted(String method, JsonNode params, CallToolRequest call, CallOptions options,
            Function<JsonNode, ? extends T> reader, Throwable mismatch) {
        log.debug("{} refused the headers of tools/call {} ({}); listing the tools again", serverName.get(),
                call == null ? "" : call.name(), mismatch.getMessage());
        tools.invalidate();
        return listTools.apply(listing(options))
                .then(Mono.defer(() -> this.<T>rounds(method, params, options, reader, declarations.headersFor(call))));
    }

    /** Whether a {@code tools/call} must list the tools first: the modern era, and no list known yet (fresh or stale). */
    private boolean needsToolList() {
        return lifecycle.isModern() && tools.peek() == null;
    }

    private static boolean isHeaderMismatch(Throwable e) {
        return e instanceof McpErrorException error && error.code() == JsonRpcError.HEADER_MISMATCH;
    }

    /** The first round of a request, and the next ones while the server asks for input. */
    private <T> Mono<T> rounds(String method, JsonNode params, CallOptions options, Function<JsonNode, ? extends T> reader,
            Map<String, String> headers) {
        RequestOptions first = requestOptions(method, options, options.timeout(), headers);
        if (!InputRounds.mayAskForInput(method)) {
            return session.request(method, params, first, reader);
        }
        long started = System.nanoTime();
        return session.<T>request(method, params, first, InputRounds.<T>reading(reader))
                .onErrorResume(InputRounds.Required.class, required -> nextRound(method, params, options, reader, headers,
                        required.result(), 1, started));
    }

    /**
     * Round {@code round + 1}: the answers to {@code interim}'s input requests, then the request again
     * (a new id) with them, within what is left of the call's timeout; again while the server asks,
     * up to the round limit.
     */
    private <T> Mono<T> nextRound(String method, JsonNode params, CallOptions options,
            Function<JsonNode, ? extends T> reader, Map<String, String> headers, JsonNode interim, int round, long started) {
        if (round >= rounds.maxRounds()) {
            return Mono.error(new McpInputException(method, "the server still asked for input after " + round
                    + " rounds of " + method + " (the limit is " + rounds.maxRounds() + ")", null));
        }
        Duration budget = options.maxTotalTimeout() != null ? options.maxTotalTimeout()
                : options.timeout() != null ? options.timeout() : session.defaultTimeout();
        return Mono.defer(() -> {
            Duration left = budget.minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                return Mono.error(new McpTimeoutException(method, budget));
            }
            return rounds.nextParams(method, params, interim)
                    .timeout(left, Mono.error(() -> new McpTimeoutException(method, budget)));
        }).flatMap(next -> {
            Duration left = budget.minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                return Mono.error(new McpTimeoutException(method, budget));
            }
            Duration timeout = options.maxTotalTimeout() != null && options.timeout() != null ? options.timeout() : left;
            return session.<T>request(method, next, requestOptions(method, options, timeout, headers),
                    InputRounds.<T>reading(reader));
        }).onErrorResume(InputRounds.Required.class, required -> nextRound(method, params, options, reader, headers,
                required.result(), round + 1, started));
    }

    private RequestOptions requestOptions(String method, CallOptions options, Duration timeout, Map<String, String> headers) {
        return new RequestOptions(timeout, false, options.progress(), options.maxTotalTimeout(), options.meta(),
                guard.forMethod(method), headers, false);
    }

    /** Options for a listing made on behalf of a call: its timeout, nothing else. */
    static CallOptions listing(CallOptions options) {
        return options.timeout() == null ? CallOptions.defaults() : CallOptions.withTimeout(options.timeout());
    }
}

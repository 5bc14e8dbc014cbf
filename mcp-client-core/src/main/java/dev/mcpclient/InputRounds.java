package dev.mcpclient;

import dev.mcpclient.internal.session.InboundDispatcher;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Multi round-trip requests (MCP 2026-07-28): what an {@code InputRequiredResult} asks for, answered
 * by the same handlers that answer the server's requests in the handshake era (sampling, elicitation,
 * roots), and the parameters of the request sent again with them.
 *
 * <p>Each input request is answered by its handler: an elicitation handler that fails answers
 * {@code cancel} (the user interaction did not happen), a declining one answers what it returned; a
 * sampling or roots handler that fails, or an input request without a handler, fails the call with
 * {@link McpInputException}.
 */
final class InputRounds {

    /** How many times a request is sent again with input before the call gives up. */
    static final int DEFAULT_MAX_ROUNDS = 10;

    private static final Logger log = LoggerFactory.getLogger(InputRounds.class);
    private static final String INPUT_REQUIRED = "input_required";

    private final InboundDispatcher dispatcher;
    private final int maxRounds;

    InputRounds(InboundDispatcher dispatcher, int maxRounds) {
        this.dispatcher = dispatcher;
        this.maxRounds = maxRounds;
    }

    /** Whether a server may answer {@code method} with an {@code InputRequiredResult} (any method the client does not know, too). */
    static boolean mayAskForInput(String method) {
        return switch (method) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET, McpMethods.RESOURCES_READ -> true;
            case McpMethods.TOOLS_LIST, McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST,
                    McpMethods.PROMPTS_LIST, McpMethods.COMPLETION_COMPLETE, McpMethods.SERVER_DISCOVER,
                    McpMethods.PING, McpMethods.LOGGING_SET_LEVEL, McpMethods.RESOURCES_SUBSCRIBE,
                    McpMethods.RESOURCES_UNSUBSCRIBE -> false;
            default -> true;
        };
    }

    /** The round limit. */
    int maxRounds() {
        return maxRounds;
    }

    /** {@code reader}, except that an {@code InputRequiredResult} leaves the call's fast path as {@link Required}. */
    static <T> Function<JsonNode, T> reading(Function<JsonNode, ? extends T> reader) {
        return tree -> {
            if (tree != null && tree.isObject() && INPUT_REQUIRED.equals(tree.path("resultType").asString(null))) {
                throw new Required(tree);
            }
            return reader.apply(tree);
        };
    }

    /**
     * The parameters of the next round: {@code params} with the answers to {@code interim}'s input
     * requests as {@code inputResponses} and its {@code requestState} echoed exactly (none when it has none).
     */
    Mono<JsonNode> nextParams(String method, JsonNode params, JsonNode interim) {
        return responses(method, interim.get("inputRequests")).map(responses -> {
            JsonNode tree = McpJson.toTree(params);
            ObjectNode next = tree instanceof ObjectNode object ? (tree == params ? object.deepCopy() : object)
                    : McpJson.mapper().createObjectNode();
            next.remove("inputResponses");
            next.remove("requestState");
            if (responses.size() > 0) {
                next.set("inputResponses", responses);
            }
            JsonNode state = interim.get("requestState");
            if (state != null && state.isString()) {
                next.set("requestState", state);
            }
            return next;
        }).map(JsonNode.class::cast);
    }

    /** The answers to every input request, by its key (an empty object when there are none). */
    private Mono<ObjectNode> responses(String method, JsonNode inputRequests) {
        ObjectNode responses = McpJson.mapper().createObjectNode();
        if (inputRequests == null || !inputRequests.isObject() || inputRequests.isEmpty()) {
            return Mono.just(responses);
        }
        return Flux.fromIterable(inputRequests.properties())
                .concatMap(entry -> answer(method, entry.getKey(), entry.getValue())
                        .doOnNext(answer -> responses.set(entry.getKey(), answer)))
                .then(Mono.just(responses));
    }

    private Mono<JsonNode> answer(String method, String key, JsonNode request) {
        String asked = request.path("method").asString(null);
        if (asked == null) {
            return Mono.error(new McpProtocolException("input request '" + key + "' of " + method + " names no method"));
        }
        JsonNode params = request.get("params");
        return dispatcher.answer(new JsonRpcRequest(RequestId.of(key), asked, params)).flatMap(response -> {
            if (!response.isError()) {
                return Mono.just(response.result());
            }
            JsonRpcError error = response.error();
            if (!dispatcher.handles(asked)) {
                return Mono.error(new McpInputException(method, "the server asked for " + asked + " (input request '"
                        + key + "') to complete " + method + ", but this client has no handler for it", null));
            }
            if (McpMethods.ELICITATION_CREATE.equals(asked)) {
                log.warn("The elicitation handler failed for input request '{}' of {}: {}; answering cancel", key, method,
                        error.message());
                return Mono.just(McpJson.mapper().createObjectNode().put("action", "cancel"));
            }
            return Mono.error(new McpInputException(method, "the " + asked + " handler failed for input request '" + key
                    + "' of " + method + ": " + error.message(), new McpErrorException(asked, error)));
        });
    }

    /** An {@code InputRequiredResult} arrived: not a failure, the signal to answer it and send the request again. */
    static final class Required extends RuntimeException {

        private final transient JsonNode result;

        Required(JsonNode result) {
            super("input required", null, false, false);
            this.result = result;
        }

        JsonNode result() {
            return result;
        }
    }
}

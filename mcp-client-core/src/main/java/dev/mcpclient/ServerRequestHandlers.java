package dev.mcpclient;

import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CreateMessageRequest;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.ListRootsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.Root;
import dev.mcpclient.internal.session.InboundDispatcher;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The client's answers to the server's requests ({@code roots/list}, {@code sampling/createMessage},
 * {@code elicitation/create}) and the capabilities they make the client declare: each one only when
 * its handler exists. {@code ping} is answered by the dispatcher itself.
 *
 * <p>The handlers are user code: the dispatcher runs them on a scheduler for blocking work.
 */
final class ServerRequestHandlers {

    private final McpRootsProvider roots;
    private final McpSamplingHandler sampling;
    private final ClientCapabilities.SamplingCapability samplingCapability;
    private final McpElicitationHandler elicitation;
    private final ClientCapabilities.ElicitationCapability elicitationCapability;

    ServerRequestHandlers(McpRootsProvider roots, McpSamplingHandler sampling,
            ClientCapabilities.SamplingCapability samplingCapability, McpElicitationHandler elicitation,
            ClientCapabilities.ElicitationCapability elicitationCapability) {
        this.roots = roots;
        this.sampling = sampling;
        this.samplingCapability = sampling == null ? null
                : samplingCapability != null ? samplingCapability : sampling.capability();
        this.elicitation = elicitation;
        this.elicitationCapability = elicitation == null ? null
                : elicitationCapability != null ? elicitationCapability : elicitation.capability();
    }

    /** Whether a roots provider exists (and so {@code notifications/roots/list_changed} may be sent). */
    boolean hasRoots() {
        return roots != null;
    }

    /** {@code base} with {@code roots}, {@code sampling} and {@code elicitation} declared exactly for the handlers that exist. */
    ClientCapabilities capabilities(ClientCapabilities base) {
        return new ClientCapabilities(base.experimental(),
                roots == null ? null : new ClientCapabilities.RootsCapability(true),
                samplingCapability,
                elicitationCapability,
                base.tasks());
    }

    /** Registers the handlers that exist on {@code dispatcher}. */
    void registerOn(InboundDispatcher dispatcher) {
        if (roots != null) {
            dispatcher.onRequest(McpMethods.ROOTS_LIST, handler(request -> {
                List<Root> current = roots.roots();
                return new ListRootsResult(current == null ? List.of() : current);
            }));
        }
        if (sampling != null) {
            dispatcher.onRequest(McpMethods.SAMPLING_CREATE_MESSAGE, handler(request -> {
                CreateMessageRequest params = params(request, CreateMessageRequest.class);
                return required(request, sampling.createMessage(params));
            }));
        }
        if (elicitation != null) {
            dispatcher.onRequest(McpMethods.ELICITATION_CREATE, handler(request -> {
                ElicitRequest params = params(request, ElicitRequest.class);
                checkMode(request, params);
                ElicitResult result = required(request, elicitation.elicit(params));
                if (!params.isUrlMode() && appliesDefaults()) {
                    result = ElicitationDefaults.apply(params.requestedSchema(), result);
                }
                return result;
            }));
        }
    }

    private boolean appliesDefaults() {
        return elicitationCapability.form() != null && Boolean.TRUE.equals(elicitationCapability.form().applyDefaults());
    }

    /** Refuses a mode the client did not declare (an empty capability object means form mode only). */
    private void checkMode(JsonRpcRequest request, ElicitRequest params) {
        boolean form = elicitationCapability.form() != null || elicitationCapability.url() == null;
        boolean url = elicitationCapability.url() != null;
        if (params.isUrlMode() ? !url : !form) {
            throw invalidParams(request, "this client does not support " + (params.isUrlMode() ? "URL" : "form")
                    + " mode elicitation");
        }
    }

    private static Function<JsonRpcRequest, Mono<JsonNode>> handler(Function<JsonRpcRequest, Object> body) {
        return request -> Mono.fromCallable(() -> McpJson.toTree(body.apply(request)));
    }

    private static <T> T params(JsonRpcRequest request, Class<T> type) {
        if (request.params() == null || !request.params().isObject()) {
            throw invalidParams(request, "params must be an object");
        }
        try {
            return McpJson.fromTree(request.params(), type);
        } catch (RuntimeException e) {
            throw invalidParams(request, "params are not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static <T> T required(JsonRpcRequest request, T result) {
        if (result == null) {
            throw new IllegalStateException("the handler of " + request.method() + " returned null");
        }
        return result;
    }

    private static McpErrorException invalidParams(JsonRpcRequest request, String message) {
        return new McpErrorException(request.method(), new JsonRpcError(JsonRpcError.INVALID_PARAMS, message, null));
    }
}

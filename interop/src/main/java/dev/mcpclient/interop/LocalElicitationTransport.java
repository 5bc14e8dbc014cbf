package dev.mcpclient.interop;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.transport.McpTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A STAND-IN, to be removed: answers the server's {@code elicitation/create} requests with a handler
 * and applies the requested schema's defaults to omitted fields ({@code form.applyDefaults}), until
 * {@code McpClientBuilder} registers elicitation handlers itself (issue #4, the api part). It wraps a
 * transport and hands every other message to the session unchanged.
 */
final class LocalElicitationTransport implements McpTransport {

    private static final Logger log = LoggerFactory.getLogger(LocalElicitationTransport.class);

    private final McpTransport delegate;
    private final Function<ElicitRequest, ElicitResult> handler;

    LocalElicitationTransport(McpTransport delegate, Function<ElicitRequest, ElicitResult> handler) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound) {
        delegate.start(message -> {
            if (message instanceof JsonRpcRequest request && "elicitation/create".equals(request.method())) {
                Mono.fromCallable(() -> answer(request))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(delegate::send)
                        .subscribe(null, e -> log.warn("Could not answer {}", request.method(), e));
            } else {
                inbound.accept(message);
            }
        });
    }

    private JsonRpcResponse answer(JsonRpcRequest request) {
        ElicitRequest elicit = McpJson.fromTree(request.params(), ElicitRequest.class);
        ElicitResult result = handler.apply(elicit);
        if (result.action() == ElicitResult.Action.ACCEPT && !elicit.isUrlMode()) {
            result = new ElicitResult(result.action(), withDefaults(elicit.requestedSchema(), result.content()),
                    result.meta());
        }
        return JsonRpcResponse.result(request.id(), McpJson.toTree(result));
    }

    /** The content with every omitted property that has a {@code default} in the schema set to it. */
    static Map<String, Object> withDefaults(JsonNode schema, Map<String, Object> content) {
        Map<String, Object> filled = new LinkedHashMap<>(content == null ? Map.of() : content);
        if (schema != null && schema.path("properties").isObject()) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                JsonNode fallback = property.getValue().get("default");
                if (fallback != null && !filled.containsKey(property.getKey())) {
                    filled.put(property.getKey(), McpJson.mapper().treeToValue(fallback, Object.class));
                }
            }
        }
        return filled;
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return delegate.send(message);
    }

    @Override
    public void protocolVersionNegotiated(String protocolVersion) {
        delegate.protocolVersionNegotiated(protocolVersion);
    }

    @Override
    public void sessionOpened() {
        delegate.sessionOpened();
    }

    @Override
    public void sessionExpired(String sessionId) {
        delegate.sessionExpired(sessionId);
    }

    @Override
    public String sessionId() {
        return delegate.sessionId();
    }

    @Override
    public boolean isBackgroundStreamOpen() {
        return delegate.isBackgroundStreamOpen();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }
}

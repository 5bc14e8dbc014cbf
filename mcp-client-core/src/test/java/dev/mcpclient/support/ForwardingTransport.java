package dev.mcpclient.support;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.transport.McpTransport;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A transport that hands everything to a real one: tests extend it and change the one thing they
 * watch or hold back (a send, the inbound flow), so the transport under the session stays the real
 * one in all else.
 */
public class ForwardingTransport implements McpTransport {

    /** The real transport. */
    protected final McpTransport delegate;

    public ForwardingTransport(McpTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        delegate.start(inbound, connectionLost);
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return delegate.send(message);
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
        return delegate.send(message, parameterHeaders);
    }

    @Override
    public String serverKey() {
        return delegate.serverKey();
    }

    @Override
    public void listen(JsonNode params) {
        delegate.listen(params);
    }

    @Override
    public boolean carriesModernEra() {
        return delegate.carriesModernEra();
    }

    @Override
    public boolean cancelsByClosingStream() {
        return delegate.cancelsByClosingStream();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public void protocolVersionNegotiated(String protocolVersion) {
        delegate.protocolVersionNegotiated(protocolVersion);
    }

    @Override
    public Mono<Void> sessionOpened() {
        return delegate.sessionOpened();
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
    public long reconnects() {
        return delegate.reconnects();
    }

    @Override
    public long authorizationRefusals() {
        return delegate.authorizationRefusals();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }
}

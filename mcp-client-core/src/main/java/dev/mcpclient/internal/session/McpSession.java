package dev.mcpclient.internal.session;

import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC session with an MCP server: the entry of every request's call path, and the routing of
 * every inbound message.
 *
 * <p>A request is a {@link PendingCall}: it settles on the first of its routed response (from any
 * stream), its send failing, its timeout, the caller's cancellation, or the session closing. The
 * response winning cancels what remains of that request's send and nothing else; a send that
 * completes normally settles nothing. Inbound, responses go to their calls by id ({@link OpenCalls}),
 * the server's requests to {@link ServerRequestAnswers} (a few answers sent at a time), its notifications to
 * the {@link InboundDispatcher}.
 *
 * <p>Built with its era's {@link SessionLifecycle}, which it hands the {@link SessionLifecycle.Handshake}
 * (this session's lifecycle requests) when a session must start.
 */
public final class McpSession {

    private static final Logger log = LoggerFactory.getLogger(McpSession.class);

    private final McpTransport transport;
    private final InboundDispatcher dispatcher;
    private final Duration defaultTimeout;
    private final OpenCalls calls = new OpenCalls();
    /** Answers the server's requests, a few sends at a time. */
    private final ServerRequestAnswers answers;
    /** The context of ordinary calls (gated by the lifecycle) and of the lifecycle's own. */
    private final CallContext context;
    private volatile boolean closed;

    /**
     * @param transport the transport to the server
     * @param lifecycle the era's lifecycle
     * @param dispatcher handles the server's requests and notifications
     * @param defaultTimeout the timeout of a request that names none
     */
    public McpSession(McpTransport transport, SessionLifecycle lifecycle, InboundDispatcher dispatcher,
            Duration defaultTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.context = new CallContext(Objects.requireNonNull(lifecycle, "lifecycle"), new Handshake(), calls,
                dispatcher, transport);
        this.answers = new ServerRequestAnswers(transport, dispatcher, defaultTimeout, this::isClosed);
    }

    /**
     * Starts receiving: from now on the transport hands every inbound message to this session, at the
     * pace of its {@link InboundFlow} (the dispatcher's backlog). Called once.
     */
    public void start() {
        transport.start(InboundFlow.attach(this::receive, dispatcher.backlog()), this::connectionLost);
    }

    /** The timeout of a request that names none. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The transport under this session. */
    public McpTransport transport() {
        return transport;
    }

    /**
     * Sends a request and returns its result; fails with {@link McpErrorException} when the server
     * answers with an error. Nothing happens until the returned {@code Mono} is subscribed.
     */
    public Mono<JsonNode> request(String method, JsonNode params, RequestOptions options) {
        return request(method, params, options, Function.identity());
    }

    /**
     * Like {@link #request(String, JsonNode, RequestOptions)}, and reads the result with {@code reader}
     * as the call settles (on the thread the response arrived on): what it throws fails the call.
     * The reading is part of the call rather than an operator after it, because it runs on every call.
     */
    public <T> Mono<T> request(String method, JsonNode params, RequestOptions options, Function<JsonNode, ? extends T> reader) {
        Duration timeout = options.timeout() != null ? options.timeout() : defaultTimeout;
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                if (closed) {
                    Operators.error(actual, new McpClientClosedException("the client is closed; " + method + " was not sent"));
                    return;
                }
                PendingCall<T> call = new PendingCall<>(context, actual, reader, method, params, options, timeout);
                actual.onSubscribe(call);
                call.start();
                if (closed) {
                    // Closed while starting: close() may have looked before this call was listed.
                    call.closed();
                }
            }
        };
    }

    /** Completes when ordinary requests may be sent, starting a session if there is none. */
    public Mono<Void> ready() {
        return context.ready();
    }

    /** Sends a notification (after the session is ready). */
    public Mono<Void> notify(String method, JsonNode params) {
        return ready().then(Mono.defer(() -> context.send(new JsonRpcNotification(method, params), Map.of())));
    }

    /** Every inbound message, from any stream. Runs on I/O threads: fast, never blocks, never throws. */
    private void receive(JsonRpcMessage message) {
        try {
            if (message instanceof JsonRpcResponse response) {
                calls.complete(response);
            } else if (message instanceof JsonRpcRequest request) {
                if (closed) {
                    // Nobody is left to answer for (a keep-alive ping as the client closes): no reply.
                    log.debug("Not answering the server's {} request: the client is closed", request.method());
                    return;
                }
                answers.received(request);
            } else if (message instanceof JsonRpcNotification notification) {
                dispatcher.onNotification(notification);
            }
        } catch (RuntimeException e) {
            log.error("Failed to handle inbound message {}", message, e);
        }
    }

    /**
     * The transport lost what would carry the responses of the requests sent so far (a process
     * exited, a stream ended): every request waiting for its response fails with {@code cause} now.
     */
    private void connectionLost(Throwable cause) {
        int failed = calls.failSent(cause);
        log.debug("Connection lost; failed {} pending request(s): {}", failed, cause.toString());
    }

    /** Fails every call that has not settled with a closed-client error; later calls fail the same way. */
    public void close() {
        closed = true;
        calls.closeAll();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * A snapshot of this session for {@code McpClientStatus}: the lifecycle's part ({@code initialized},
     * whether a session started and on which version) comes from {@code initialized}; {@code closed} is
     * whether {@link #close()} was called.
     */
    public McpClientStatus status(InitializeResult initialized) {
        return new McpClientStatus(initialized != null, closed,
                initialized == null ? null : initialized.protocolVersion(), transport.sessionId() != null,
                transport.isBackgroundStreamOpen(), transport.reconnects(), calls.size(), calls.droppedResponses(),
                calls.lastError(), calls.lastErrorAt());
    }

    /** This session's lifecycle requests: on the call path, never held for readiness, never cancelled on the server. */
    private final class Handshake implements SessionLifecycle.Handshake {

        @Override
        public Mono<JsonNode> request(String method, JsonNode params, Duration timeout) {
            return McpSession.this.request(method, params, new RequestOptions(timeout, true));
        }

        @Override
        public Mono<JsonNode> probe(String method, JsonNode params, Duration timeout) {
            return McpSession.this.request(method, params, RequestOptions.probe(timeout));
        }

        @Override
        public void failed(Throwable error) {
            calls.failed(error);
        }

        @Override
        public Mono<Void> notify(String method, JsonNode params) {
            return Mono.defer(() -> transport.send(new JsonRpcNotification(method, params)));
        }
    }
}

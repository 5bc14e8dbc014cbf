package dev.mcpclient.internal.session;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpSessionExpiredException;
import dev.mcpclient.internal.SessionIds;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.Implementation;
import dev.mcpclient.schema.InitializeRequest;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.SessionNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The lifecycle of the initialize/session era (2025-03-26 .. 2025-11-25): {@code initialize}, then
 * {@code notifications/initialized}, then ordinary traffic; a new session when the server forgets the
 * current one.
 *
 * <p>Starting a session is single-flight: concurrent callers share one {@code initialize}. A failed
 * start is not cached, so the next call tries again (a server that comes up later is connected then).
 * When a message is rejected because the server forgot the session, one new session is started
 * (shared by every request rejected with the same session id) and the message is sent once more on it.
 */
public final class InitializeLifecycle implements SessionLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InitializeLifecycle.class);
    /** How long the handshake waits for the background stream's answer before the first call goes out. */
    static final Duration BACKGROUND_STREAM_WAIT = Duration.ofSeconds(2);

    private final McpTransport transport;
    private final Implementation clientInfo;
    private final ClientCapabilities capabilities;
    private final Duration initializeTimeout;
    /** The revision asked for; with {@link #pinned}, the only one accepted. */
    private final String requestedVersion;
    private final boolean pinned;
    /** The current session's start: its {@code initialize} and {@code notifications/initialized}. */
    private final SingleFlight<InitializeResult> session = new SingleFlight<>();
    private volatile InitializeResult initialized;

    /**
     * @param transport the transport the session runs on
     * @param clientInfo what the client tells the server it is
     * @param capabilities what the client declares
     * @param initializeTimeout the timeout of {@code initialize}
     */
    public InitializeLifecycle(McpTransport transport, Implementation clientInfo, ClientCapabilities capabilities,
            Duration initializeTimeout) {
        this(transport, clientInfo, capabilities, initializeTimeout, null);
    }

    /**
     * @param pinnedVersion the one legacy revision to ask for and accept, or {@code null} to ask for
     *     {@link ProtocolVersions#LATEST_HANDSHAKE} and accept any the transport can carry
     */
    public InitializeLifecycle(McpTransport transport, Implementation clientInfo, ClientCapabilities capabilities,
            Duration initializeTimeout, String pinnedVersion) {
        this.requestedVersion = pinnedVersion != null ? pinnedVersion : ProtocolVersions.LATEST_HANDSHAKE;
        this.pinned = pinnedVersion != null;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.clientInfo = Objects.requireNonNull(clientInfo, "clientInfo");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.initializeTimeout = Objects.requireNonNull(initializeTimeout, "initializeTimeout");
    }

    @Override
    public boolean isReady() {
        return session.isDone();
    }

    @Override
    public Mono<Void> ready(Handshake handshake) {
        return session.get(() -> handshake(handshake)).then();
    }

    /** Forgets the session (the server changed era): the next call starts from the handshake. */
    void reset() {
        synchronized (session) {
            transport.sessionExpired(transport.sessionId());
            session.reset();
        }
    }

    /** The result of the last successful {@code initialize}, or {@code null}. */
    public InitializeResult initializeResult() {
        return initialized;
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders, Handshake handshake) {
        return transport.send(message).onErrorResume(SessionNotFoundException.class, expired -> renew(expired.sessionId(), handshake)
                .onErrorMap(e -> new McpSessionExpiredException(
                        "the session expired and a new one could not be started: " + e.getMessage(), e))
                .then(Mono.defer(() -> transport.send(message)))
                .onErrorMap(SessionNotFoundException.class, again -> new McpSessionExpiredException(
                        "the server rejected the message again on a new session", again)));
    }

    /**
     * Starts one new session for every request rejected with {@code expiredSessionId}. A caller whose
     * rejected session was already replaced joins the current session instead, and so does one whose
     * message the transport did not send because the session was being renewed ({@code null}): the
     * lock makes it wait until that renewal has reset the session, so it joins the new one.
     */
    private Mono<Void> renew(String expiredSessionId, Handshake handshake) {
        return Mono.defer(() -> {
            synchronized (session) {
                if (expiredSessionId != null && Objects.equals(transport.sessionId(), expiredSessionId)) {
                    log.info("The server forgot session {}; starting a new one", SessionIds.shown(expiredSessionId));
                    transport.sessionExpired(expiredSessionId);
                    session.reset();
                }
            }
            return ready(handshake);
        });
    }

    /** {@code initialize}, then {@code notifications/initialized}; the session opens in between. */
    private Mono<InitializeResult> handshake(Handshake handshake) {
        InitializeRequest request = new InitializeRequest(requestedVersion, capabilities, clientInfo);
        Mono<InitializeResult> started = handshake
                .request(McpMethods.INITIALIZE, McpJson.toTree(request), initializeTimeout)
                .map(result -> McpJson.fromTree(result, InitializeResult.class))
                .flatMap(result -> {
                    // What the transport can carry: the 2024-11-05 revision only over its own HTTP+SSE transport.
                    List<String> accepted = pinned ? List.of(requestedVersion) : transport.protocolVersions();
                    if (result.protocolVersion() == null || !accepted.contains(result.protocolVersion())) {
                        // No session on a version we cannot speak: forget the one the server may have opened.
                        transport.sessionExpired(transport.sessionId());
                        return Mono.error(new McpProtocolException("the server chose protocol version "
                                + result.protocolVersion() + ", which this client does not support (supported: "
                                + String.join(", ", accepted) + ")"));
                    }
                    // Stored before anything else is sent: every later message carries it.
                    transport.protocolVersionNegotiated(result.protocolVersion());
                    return handshake.notify(McpMethods.NOTIFICATION_INITIALIZED, null)
                            // The server's own requests (sampling, roots) may come on the session's background
                            // stream: calls wait until it is open (bounded: a server may hold its headers back).
                            .then(Mono.defer(transport::sessionOpened)
                                    .timeout(BACKGROUND_STREAM_WAIT, Mono.empty()))
                            .doOnSuccess(v -> initialized = result)
                            .thenReturn(result);
                });
        return started.doOnError(e -> log.debug("initialize failed: {}", e.toString()));
    }
}

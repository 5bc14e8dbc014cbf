package dev.mcpclient.transport;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.ProtocolVersions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Moves JSON-RPC messages between the client's session and one MCP server.
 *
 * <p>Outbound, {@link #send} delivers one message. Inbound, every message the server sends, on
 * whatever stream it arrives, is handed to the consumer given to {@link #start}; the session routes
 * responses to their pending requests by id, so a transport never needs to know who waits for what.
 *
 * <p>Session-scoped state a transport keeps (an HTTP session id, the negotiated protocol version)
 * is set through {@link #protocolVersionNegotiated}, {@link #sessionOpened} and
 * {@link #sessionExpired}; a transport without sessions ignores them.
 *
 * @since 0.2.0
 */
public interface McpTransport {

    /**
     * Sets the receivers of what comes from the server. Called once, before the first {@link #send}.
     *
     * @param inbound receives every inbound message, on whatever stream it arrived; fast, never
     *     blocks, may be called on an I/O thread
     * @param connectionLost receives the cause when the transport learns that responses can no
     *     longer arrive for the requests already sent (a child process exited, the stream that
     *     carried them ended), once per loss: the session then fails every request waiting for a
     *     response with that cause at once. Later sends may still succeed (a transport that
     *     reconnects) or fail (one that cannot). Fast, never blocks, may be called on any thread; a
     *     transport that never loses responses this way never calls it
     */
    void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost);

    /**
     * Sends one message.
     *
     * <p>For a request the returned {@code Mono} covers the whole exchange that may carry its
     * response: delivery of the message and consumption of whatever stream answers it, including
     * resumption of that stream. It completes when that stream ends with the response seen or
     * without one (a normal completion settles nothing); it fails with an {@code McpException}
     * when delivery or the stream fails. Cancelling it stops that exchange and nothing else.
     * For notifications and responses it completes when the server accepted the message.
     *
     * <p>When the server rejects the message because it no longer knows the session, the
     * {@code Mono} fails with {@link SessionNotFoundException}: the server did not process it.
     */
    Mono<Void> send(JsonRpcMessage message);

    /**
     * Sends one request with the values of the tool parameters the server asked to see as HTTP
     * headers ({@code x-mcp-header}, MCP 2026-07-28): header name part to value, not yet encoded. A
     * transport without headers sends the message alone (the default).
     */
    default Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
        return send(message);
    }

    /**
     * What identifies the server across clients, for remembering which era it speaks (HTTP: its
     * endpoint without user info or query), or {@code null} (the default): each client finds out anew,
     * as a stdio server's era is a property of its process.
     */
    default String serverKey() {
        return null;
    }

    /**
     * MCP 2026-07-28: keeps one {@code subscriptions/listen} request open with {@code params} (its
     * {@code _meta} and {@code notifications} filter), replacing the one open before, and opens it
     * again when it ends or breaks; {@code null} closes it. Its notifications go to the inbound
     * consumer like any other. Each opening is a new request with an id of the transport's own. A
     * transport without such streams ignores it (the default).
     */
    default void listen(JsonNode params) {
    }

    /**
     * Whether this transport can carry the modern (stateless) era at all; {@code false} skips the era
     * probe (the HTTP+SSE transport of 2024-11-05 speaks only its own revision). Default {@code true}.
     */
    default boolean carriesModernEra() {
        return true;
    }

    /**
     * Whether cancelling a request's send is itself the cancellation on the server (MCP 2026-07-28 on
     * Streamable HTTP: closing the response stream), so no {@code notifications/cancelled} is sent.
     * Default {@code false}.
     */
    default boolean cancelsByClosingStream() {
        return false;
    }

    /**
     * The protocol versions this transport can carry, newest first: the session accepts a server's
     * choice only from this list. Default {@link ProtocolVersions#SUPPORTED}.
     */
    default List<String> protocolVersions() {
        return ProtocolVersions.SUPPORTED;
    }

    /**
     * The protocol version the session negotiated (or, in the modern era, speaks); sent with every
     * later message where the transport needs it. {@code null} forgets it (before a new handshake).
     * A modern version also tells the transport to speak that era: no session, no resumption, the
     * request headers of the revision.
     */
    default void protocolVersionNegotiated(String protocolVersion) {
    }

    /**
     * The session is initialized: the transport opens what it offers besides (a background stream).
     * Completes once that can carry what the server sends on its own (the stream's response headers
     * came, or the server refused or failed it: it offers none), at once for a transport without one;
     * never fails. Requests sent before then could have the server's own requests (sampling, roots)
     * sent where nobody listens yet, so the handshake waits for it, for a bounded time.
     */
    default Mono<Void> sessionOpened() {
        return Mono.empty();
    }

    /**
     * The server forgot the session: drop its id and what belongs to it (a background stream), so
     * that a new {@code initialize} starts a fresh one.
     *
     * @param sessionId the id the server rejected; ignored when the transport already moved on
     */
    default void sessionExpired(String sessionId) {
    }

    /** The current session id, or {@code null} when there is none (or the transport has no sessions). */
    default String sessionId() {
        return null;
    }

    /**
     * Whether a background stream from the server is connected now: the {@code GET} stream, the
     * HTTP+SSE stream or the {@code subscriptions/listen} stream (false where the transport has none).
     */
    default boolean isBackgroundStreamOpen() {
        return false;
    }

    /** How many times a stream was reopened after it ended or broke (0 where the transport has none). */
    default long reconnects() {
        return 0;
    }

    /**
     * How many requests the server refused for authorization so far (HTTP 401 or 403; 0 where the
     * transport has no authorization). A request that waited longer than its timeout after such a
     * refusal was waiting for the authorization (a user logging in), not on a silent server.
     */
    default long authorizationRefusals() {
        return 0;
    }

    /** Ends the session (an HTTP {@code DELETE}), stops every stream and releases resources. Never fails. */
    Mono<Void> closeGracefully();
}

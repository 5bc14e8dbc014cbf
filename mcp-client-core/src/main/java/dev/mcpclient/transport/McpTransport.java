package dev.mcpclient.transport;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.schema.ProtocolVersions;
import java.util.List;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

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
     * The protocol versions this transport can carry, newest first: the session accepts a server's
     * choice only from this list. Default {@link ProtocolVersions#SUPPORTED}.
     */
    default List<String> protocolVersions() {
        return ProtocolVersions.SUPPORTED;
    }

    /** The protocol version the session negotiated; sent with every later message where the transport needs it. */
    default void protocolVersionNegotiated(String protocolVersion) {
    }

    /** The session is initialized: the transport may open what it offers besides (a background stream). */
    default void sessionOpened() {
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

    /** Whether a background stream from the server is connected now (false where the transport has none). */
    default boolean isBackgroundStreamOpen() {
        return false;
    }

    /** How many times a stream was reopened after it ended or broke (0 where the transport has none). */
    default long reconnects() {
        return 0;
    }

    /** Ends the session (an HTTP {@code DELETE}), stops every stream and releases resources. Never fails. */
    Mono<Void> closeGracefully();
}

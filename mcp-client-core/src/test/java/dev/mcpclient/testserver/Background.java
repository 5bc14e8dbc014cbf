package dev.mcpclient.testserver;

import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The default GET stream of a session: the SSE stream a client opens with GET to receive
 * server-initiated messages.
 *
 * <p>Frames sent while a GET stream is attached are written to it at once; frames sent while none
 * is attached are buffered and written, in order, to the next GET of that session. When a second
 * GET arrives while one is attached, the new one takes over and the old response ends cleanly.
 *
 * <p>A handle from {@link ProgrammableMcpServer#background()} follows the most recently initialized
 * session, resolved at each call; one from {@link ProgrammableMcpServer#background(String)} or
 * {@link Exchange#background()} stays on its session.
 */
public final class Background {

    private final ProgrammableMcpServer server;
    private final Supplier<ProgrammableMcpServer.Session> session;

    Background(ProgrammableMcpServer server, Supplier<ProgrammableMcpServer.Session> session) {
        this.server = server;
        this.session = session;
    }

    /** Sends a JSON-RPC message (an event without id). */
    public Background send(JsonNode message) {
        return sendFrame(SseFrame.message(null, message));
    }

    /**
     * Writes a frame on the attached GET stream, or buffers it for the next one.
     *
     * @throws IllegalStateException if there is no session yet
     */
    public Background sendFrame(SseFrame frame) {
        server.streamSend(require(), frame);
        return this;
    }

    /**
     * Waits until a GET stream of the session is attached (for the current-session handle: until a
     * session exists and its GET is attached) and returns that GET.
     *
     * @throws AssertionError on timeout
     */
    public RecordedRequest awaitConnected(Duration timeout) {
        return server.awaitStream(session, true, timeout);
    }

    /**
     * Waits until no GET stream of the session is attached (client closed it, or
     * {@link #complete()}/{@link #abort()}).
     *
     * @throws AssertionError on timeout
     */
    public void awaitDisconnected(Duration timeout) {
        server.awaitStream(session, false, timeout);
    }

    /** Whether a GET stream is attached now. */
    public boolean isConnected() {
        ProgrammableMcpServer.Session s = session.get();
        return s != null && server.streamRequest(s) != null;
    }

    /** The GET attached now, or {@code null}. */
    public RecordedRequest connectedRequest() {
        ProgrammableMcpServer.Session s = session.get();
        return s == null ? null : server.streamRequest(s);
    }

    /** How many frames wait for the next GET. */
    public int buffered() {
        ProgrammableMcpServer.Session s = session.get();
        return s == null ? 0 : server.streamBuffered(s);
    }

    /** Ends the attached GET response cleanly (terminating chunk); no-op if none is attached. */
    public Background complete() {
        server.streamEnd(require(), false);
        return this;
    }

    /**
     * Cuts the attached GET's connection abruptly (no terminating chunk), after the frames already
     * sent; no-op if none is attached.
     */
    public Background abort() {
        server.streamEnd(require(), true);
        return this;
    }

    /** The session id this handle resolves to now, or {@code null}. */
    public String sessionId() {
        ProgrammableMcpServer.Session s = session.get();
        return s == null ? null : s.id;
    }

    private ProgrammableMcpServer.Session require() {
        ProgrammableMcpServer.Session s = session.get();
        if (s == null) {
            throw new IllegalStateException("no session yet: the client has not initialized");
        }
        return s;
    }
}

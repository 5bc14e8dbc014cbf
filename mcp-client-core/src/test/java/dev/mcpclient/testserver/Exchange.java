package dev.mcpclient.testserver;

import java.util.function.Function;

/**
 * What a {@link Handler} can reach besides the request: the session, the server, and the reply the
 * server would give by default (so a handler can delay or decorate it).
 */
public final class Exchange {

    private final ProgrammableMcpServer server;
    private final RecordedRequest request;
    private final Function<Exchange, Reply> defaultBehaviour;
    private volatile ProgrammableMcpServer.Session session;

    Exchange(ProgrammableMcpServer server, RecordedRequest request, ProgrammableMcpServer.Session session,
            Function<Exchange, Reply> defaultBehaviour) {
        this.server = server;
        this.request = request;
        this.session = session;
        this.defaultBehaviour = defaultBehaviour;
    }

    /** The server. */
    public ProgrammableMcpServer server() {
        return server;
    }

    /** The request being answered. */
    public RecordedRequest request() {
        return request;
    }

    /**
     * The session of this exchange: the one named by the request's {@code Mcp-Session-Id}, or for
     * {@code initialize} the one created by {@link #defaultReply()}; {@code null} if none.
     */
    public String sessionId() {
        ProgrammableMcpServer.Session s = session;
        return s != null ? s.id : request.sessionId();
    }

    /**
     * The background (GET) stream of this exchange's session, e.g. to push the answer to a POST
     * there instead of on the POST's response.
     *
     * @throws IllegalStateException if the exchange has no known session
     */
    public Background background() {
        ProgrammableMcpServer.Session s = session;
        if (s == null) {
            throw new IllegalStateException("no session for " + request);
        }
        return server.background(s.id);
    }

    /**
     * The reply the server would give without a custom handler. Calling it has the default's side
     * effects: for {@code initialize} a new session is created, for DELETE the session is forgotten,
     * for GET the returned SSE reply attaches to the session's background stream when written.
     */
    public Reply defaultReply() {
        return defaultBehaviour.apply(this);
    }

    void session(ProgrammableMcpServer.Session session) {
        this.session = session;
    }

    ProgrammableMcpServer.Session session() {
        return session;
    }
}

package dev.mcpclient.transport;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.SessionIds;

/**
 * The server answered a message that carried a session id with "not found" (HTTP 404): it forgot the
 * session and did not process the message. The client starts a new session and sends it again.
 * With a {@code null} {@link #sessionId()}, the transport did not send the message at all, because the
 * session it needs was forgotten and the next one is not open yet: the client sends it again on that one.
 *
 * @since 0.2.0
 */
public class SessionNotFoundException extends McpTransportException {

    private final String sessionId;

    public SessionNotFoundException(String sessionId, String bodyExcerpt) {
        super("the server no longer knows session " + SessionIds.shown(sessionId), 404, bodyExcerpt);
        this.sessionId = sessionId;
    }

    /**
     * The session id the server rejected (a credential: the message shows only a fingerprint of it), or
     * {@code null} when the message was not sent because the session was being renewed.
     */
    public String sessionId() {
        return sessionId;
    }
}

package dev.mcpclient.transport;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.SessionIds;

/**
 * The server answered a message that carried a session id with "not found" (HTTP 404): it forgot the
 * session and did not process the message. The client starts a new session and sends it again.
 *
 * @since 0.2.0
 */
public class SessionNotFoundException extends McpTransportException {

    private final String sessionId;

    public SessionNotFoundException(String sessionId, String bodyExcerpt) {
        super("the server no longer knows session " + SessionIds.shown(sessionId), 404, bodyExcerpt);
        this.sessionId = sessionId;
    }

    /** The session id the server rejected (a credential: the message shows only a fingerprint of it). */
    public String sessionId() {
        return sessionId;
    }
}

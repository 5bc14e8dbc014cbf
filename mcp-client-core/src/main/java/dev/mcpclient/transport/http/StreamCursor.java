package dev.mcpclient.transport.http;

/**
 * Where a server stream stands: the last event id seen (to resume from) and the server's requested
 * reconnection time. One per logical stream; it outlives the HTTP responses that carry the stream.
 */
final class StreamCursor {

    volatile String lastEventId;
    volatile Long retryMillis;
    /** Whether the current attempt brought at least one event. */
    volatile boolean progressed;
    /** Consecutive reconnects that brought no new event. */
    int attemptsWithoutProgress;
    /** The last reason the stream ended before it should have (an I/O error, a bad message). */
    volatile Throwable lastError;
}

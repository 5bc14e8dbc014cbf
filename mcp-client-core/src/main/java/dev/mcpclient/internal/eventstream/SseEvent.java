package dev.mcpclient.internal.eventstream;

/**
 * One dispatched block of a {@code text/event-stream}.
 *
 * <p>Unlike a browser, the decoder also reports blocks whose data is empty (a priming event: an
 * {@code id} with empty data, or a lone {@code retry}), because a client must remember their id and
 * reconnection time even though there is no message to parse.
 *
 * @param lastEventId the stream's last event id after this block (it persists across blocks, as in
 *     WHATWG's "last event ID buffer"), {@code ""} if the server reset it with an empty {@code id},
 *     or {@code null} if no id was ever set
 * @param event the event type, {@code "message"} when none was given
 * @param data the data lines joined with LF, without the final LF; empty when there was no data
 * @param retry the reconnection time in milliseconds set by this block, or {@code null}
 */
public record SseEvent(String lastEventId, String event, String data, Long retry) {

    /** Whether this block carries data to parse. */
    public boolean hasData() {
        return !data.isEmpty();
    }
}

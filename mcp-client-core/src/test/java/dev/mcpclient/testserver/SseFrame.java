package dev.mcpclient.testserver;

import dev.mcpclient.schema.McpJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a {@code text/event-stream} body, exactly as the server writes it on the wire.
 *
 * <p>Each frame is written and flushed on its own, so a test that emits frames one by one through
 * a sink controls exactly what the client has received at every step.
 */
public final class SseFrame {

    private final byte[] bytes;

    private SseFrame(String text) {
        this.bytes = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    }

    private SseFrame(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A message event: {@code id: <id>} (omitted when {@code id} is {@code null}) and one
     * {@code data:} line holding the message as compact JSON, then a blank line.
     */
    public static SseFrame message(String id, JsonNode message) {
        return event(id, null, McpJson.mapper().writeValueAsString(message));
    }

    /**
     * A priming event, as a resumable server sends first: an id, the optional reconnection time and
     * empty data ({@code id: <id>}, {@code retry: <ms>}, {@code data: }, blank line).
     */
    public static SseFrame priming(String id, Long retryMillis) {
        StringBuilder b = new StringBuilder();
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        if (retryMillis != null) {
            b.append("retry: ").append(retryMillis).append('\n');
        }
        b.append("data: \n\n");
        return new SseFrame(b.toString());
    }

    /**
     * A general event: optional id, optional event type, the data split into one {@code data:} line
     * per line of text, then a blank line.
     */
    public static SseFrame event(String id, String event, String data) {
        StringBuilder b = new StringBuilder();
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        if (event != null) {
            b.append("event: ").append(event).append('\n');
        }
        for (String line : data.split("\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        b.append('\n');
        return new SseFrame(b.toString());
    }

    /** A lone {@code retry:} field (then a blank line). */
    public static SseFrame retry(long millis) {
        return new SseFrame("retry: " + millis + "\n\n");
    }

    /** A comment ({@code : text}, one per line of text), then a blank line; clients ignore it. */
    public static SseFrame comment(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            b.append(": ").append(line).append('\n');
        }
        b.append('\n');
        return new SseFrame(b.toString());
    }

    /**
     * Exactly these characters (UTF-8), nothing added: malformed JSON, half an event, CRLF line
     * endings, an event split across two frames…
     */
    public static SseFrame raw(String text) {
        return new SseFrame(text);
    }

    /** Exactly these bytes, nothing added: invalid UTF-8, say. */
    public static SseFrame bytes(byte[] bytes) {
        return new SseFrame(bytes.clone());
    }

    /** The characters this frame writes (its bytes read as UTF-8). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes this frame writes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes this frame writes, not copied: for the server, which only writes them. */
    byte[] wire() {
        return bytes;
    }

    @Override
    public String toString() {
        return "SseFrame[" + text().replace("\n", "\\n") + "]";
    }
}

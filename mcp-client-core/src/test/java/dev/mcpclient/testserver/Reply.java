package dev.mcpclient.testserver;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a {@link ProgrammableMcpServer} does with one HTTP exchange.
 *
 * <p>Immutable: {@link #header(String, String)} returns a copy. Kinds:
 * <ul>
 *   <li>{@link #json}, {@link #result}, {@link #error}: 200 {@code application/json} with a
 *       {@code Content-Length};</li>
 *   <li>{@link #status}: any status, content type and text body (an HTML 500 page, a 404…);</li>
 *   <li>{@link #accepted}: 202 without a body;</li>
 *   <li>{@link #sse}: 200 {@code text/event-stream}, headers flushed at once, then each frame
 *       written and flushed as the publisher emits it. Completion ends the response cleanly (final
 *       chunk); an error cuts the TCP connection without the final chunk;</li>
 *   <li>{@link #reset}: the connection is closed without any response (TCP RST);</li>
 *   <li>{@link #deferred}: nothing is written until the {@link Mono} emits the real reply.</li>
 * </ul>
 */
public final class Reply {

    enum Kind { BODY, SSE, RESET, DEFERRED }

    final Kind kind;
    final int status;
    final String contentType;
    final byte[] body;
    final Publisher<SseFrame> frames;
    final Mono<Reply> deferred;
    final Map<String, String> headers;

    private Reply(Kind kind, int status, String contentType, byte[] body, Publisher<SseFrame> frames,
            Mono<Reply> deferred, Map<String, String> headers) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.frames = frames;
        this.deferred = deferred;
        this.headers = headers;
    }

    private static Reply body(int status, String contentType, byte[] body) {
        return new Reply(Kind.BODY, status, contentType, body, null, null, Map.of());
    }

    /** 200 {@code application/json} with this message (or any JSON) as the body. */
    public static Reply json(JsonNode message) {
        return body(200, "application/json", McpJson.mapper().writeValueAsBytes(message));
    }

    /** 200 {@code application/json}: a JSON-RPC result response. */
    public static Reply result(RequestId id, JsonNode result) {
        return json(JsonRpcCodec.toTree(JsonRpcResponse.result(id, result)));
    }

    /** 200 {@code application/json}: a JSON-RPC error response ({@code id} may be {@code null}). */
    public static Reply error(RequestId id, int code, String message) {
        return json(errorMessage(id, code, message));
    }

    /** Any status, content type (none when {@code null}) and text body (none when {@code null}). */
    public static Reply status(int status, String contentType, String body) {
        return body(status, contentType,
                body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Any status and content type (none when {@code null}) with exactly these bytes as the body (invalid UTF-8, say). */
    public static Reply bytes(int status, String contentType, byte[] body) {
        return body(status, contentType, body.clone());
    }

    /** 202 Accepted, no body. */
    public static Reply accepted() {
        return body(202, null, new byte[0]);
    }

    /**
     * 200 {@code text/event-stream}. The headers are flushed at once; each frame is written and
     * flushed when emitted. Completing the publisher ends the response cleanly; an error cuts the
     * connection abruptly after the frames already emitted (no terminating chunk).
     */
    public static Reply sse(Publisher<SseFrame> frames) {
        return new Reply(Kind.SSE, 200, "text/event-stream", null, Objects.requireNonNull(frames, "frames"),
                null, Map.of());
    }

    /** Closes the TCP connection (with a RST) without writing any response. */
    public static Reply reset() {
        return new Reply(Kind.RESET, 0, null, null, null, null, Map.of());
    }

    /**
     * Holds the exchange until {@code reply} emits, then does what the emitted reply says (with this
     * reply's headers added). An error or empty completion gives a 500 and a
     * {@link ProgrammableMcpServer#handlerErrors() handler error}.
     */
    public static Reply deferred(Mono<Reply> reply) {
        return new Reply(Kind.DEFERRED, 0, null, null, null, Objects.requireNonNull(reply, "reply"), Map.of());
    }

    /** A copy with one more response header (replacing one of the same name set the same way). */
    public Reply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(kind, status, contentType, body, frames, deferred, Map.copyOf(copy));
    }

    /** A copy with {@code headers} added (for a deferred reply, to the reply it emits). */
    Reply withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new Reply(kind, status, contentType, body, frames, deferred, Map.copyOf(copy));
    }

    /** The status, 0 for {@link #reset()} and {@link #deferred}. */
    public int statusCode() {
        return status;
    }

    /** The headers this reply adds. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A JSON-RPC error message; a {@code null} id is written as JSON {@code null}. */
    static ObjectNode errorMessage(RequestId id, int code, String message) {
        ObjectNode node = McpJson.mapper().createObjectNode();
        node.put("jsonrpc", "2.0");
        if (id == null) {
            node.putNull("id");
        } else if (id.isString()) {
            node.put("id", (String) id.value());
        } else {
            node.put("id", (Long) id.value());
        }
        ObjectNode error = node.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return node;
    }

    @Override
    public String toString() {
        return "Reply[" + kind + (status != 0 ? " " + status : "") + "]";
    }
}

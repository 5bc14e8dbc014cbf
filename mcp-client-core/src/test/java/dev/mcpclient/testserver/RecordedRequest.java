package dev.mcpclient.testserver;

import dev.mcpclient.jsonrpc.RequestId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * One HTTP request received by a {@link ProgrammableMcpServer}, recorded once its body was read.
 *
 * <p>Besides what was sent, it tells when the server saw the exchange end ({@link #awaitClosed}):
 * the response was completely written, or the connection was closed by either side (the client
 * cancelling a held-open stream, a {@link Reply#reset()}, an aborted SSE reply).
 */
public final class RecordedRequest {

    private final long index;
    private final String httpMethod;
    private final String uri;
    private final Map<String, List<String>> headers;
    private final String bodyText;
    private final JsonNode body;
    private final CompletableFuture<Void> closed;
    private final long receivedAtNanos = System.nanoTime();
    private volatile long closedAtNanos;

    RecordedRequest(long index, String httpMethod, String uri, Map<String, List<String>> headers,
            String bodyText, JsonNode body, CompletableFuture<Void> closed) {
        this.index = index;
        this.httpMethod = httpMethod;
        this.uri = uri;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        copy.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(copy);
        this.bodyText = bodyText;
        this.body = body;
        this.closed = closed;
        closed.whenComplete((v, e) -> closedAtNanos = System.nanoTime());
    }

    /** Position in arrival order, from 0. */
    public long index() {
        return index;
    }

    /** {@code GET}, {@code POST}, {@code DELETE}… */
    public String httpMethod() {
        return httpMethod;
    }

    /** The request target, e.g. {@code /mcp}. */
    public String uri() {
        return uri;
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header (name case-insensitive); empty if absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** All headers; the map's keys are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body as UTF-8 text, empty when there was none. */
    public String bodyText() {
        return bodyText;
    }

    /** The body as JSON, or {@code null} when there was none or it was not JSON. */
    public JsonNode body() {
        return body;
    }

    /** The JSON-RPC method, or {@code null} (a response, no body, not JSON-RPC). */
    public String jsonRpcMethod() {
        JsonNode method = body != null && body.isObject() ? body.get("method") : null;
        return method != null && method.isString() ? method.asString() : null;
    }

    /**
     * The JSON-RPC id of a request or of a response sent by the client, or {@code null} for a
     * notification or a body without id.
     */
    public RequestId id() {
        JsonNode id = body != null && body.isObject() ? body.get("id") : null;
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isString()) {
            return RequestId.of(id.asString());
        }
        if (id.isIntegralNumber()) {
            return RequestId.of(id.asLong());
        }
        return null;
    }

    /** The JSON-RPC params, or {@code null}. */
    public JsonNode params() {
        JsonNode params = body != null && body.isObject() ? body.get("params") : null;
        return params == null || params.isNull() ? null : params;
    }

    /** Whether the body is a JSON-RPC request (method and id). */
    public boolean isJsonRpcRequest() {
        return jsonRpcMethod() != null && id() != null;
    }

    /** Whether the body is a JSON-RPC notification (method, no id). */
    public boolean isNotification() {
        return jsonRpcMethod() != null && id() == null;
    }

    /** Whether the body is a JSON-RPC response sent by the client (id, result or error, no method). */
    public boolean isClientResponse() {
        return body != null && body.isObject() && !body.has("method") && body.has("id")
                && (body.has("result") || body.has("error"));
    }

    /** The {@code Last-Event-ID} header, or {@code null}. */
    public String lastEventId() {
        return header("Last-Event-ID");
    }

    /** The {@code Mcp-Session-Id} header, or {@code null}. */
    public String sessionId() {
        return header("Mcp-Session-Id");
    }

    /** The {@code MCP-Protocol-Version} header, or {@code null}. */
    public String protocolVersion() {
        return header("MCP-Protocol-Version");
    }

    /** When the server received this request ({@link System#nanoTime()}). */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** When the server saw this exchange end ({@link System#nanoTime()}), or 0 while it is open. */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    /** Whether the server has seen this exchange end (response written, or connection closed). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /**
     * Waits until the server has seen this exchange end: its response completely written, or its
     * connection closed (the client cancelled, the server reset or aborted it).
     *
     * @throws AssertionError if that does not happen within {@code timeout}
     */
    public RecordedRequest awaitClosed(Duration timeout) {
        try {
            closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return this;
        } catch (TimeoutException e) {
            throw new AssertionError("exchange still open after " + timeout + ": " + this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("#").append(index).append(' ').append(httpMethod).append(' ').append(uri);
        String method = jsonRpcMethod();
        if (method != null) {
            b.append(' ').append(method);
        }
        RequestId id = id();
        if (id != null) {
            b.append(" id=").append(id);
        }
        if (sessionId() != null) {
            b.append(" session=").append(sessionId());
        }
        if (lastEventId() != null) {
            b.append(" Last-Event-ID=").append(lastEventId());
        }
        return b.toString();
    }
}

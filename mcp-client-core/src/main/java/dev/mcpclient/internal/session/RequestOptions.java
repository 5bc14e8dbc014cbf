package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ProgressNotification;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * How the session sends one request.
 *
 * @param timeout how long to wait for the response; {@code null} for the session's default. With a
 *     {@code maxTotalTimeout}, how long to wait without progress
 * @param lifecycle whether this is a lifecycle request ({@code initialize}): it is not held until the
 *     session is ready, and it is never cancelled on the server
 * @param progress receives the request's progress notifications, or {@code null} for none: the
 *     session then sends a progress token in the request's {@code _meta}, and delivers every
 *     notification that arrived before the outcome before the outcome
 * @param maxTotalTimeout when set, each progress notification of the request restarts its timeout,
 *     and the request fails at the latest this long after it started; the request then always
 *     carries a progress token. {@code null}: progress does not touch the timeout
 * @param meta entries added to the request's {@code _meta}, or {@code null}
 * @param guard runs once the session is ready, before anything is sent; what it throws fails the
 *     request without sending it (e.g. a capability the server did not declare); {@code null} for none
 * @param parameterHeaders the values of the tool parameters to mirror as HTTP headers (MCP
 *     2026-07-28 {@code x-mcp-header}), by header name part; empty for none
 * @param quiet whether a failure is not recorded as the client's last error (a lifecycle probe whose
 *     refusal may be an answer)
 */
public record RequestOptions(Duration timeout, boolean lifecycle, Consumer<ProgressNotification> progress,
        Duration maxTotalTimeout, Map<String, Object> meta, Runnable guard, Map<String, String> parameterHeaders,
        boolean quiet) {

    public RequestOptions {
        parameterHeaders = parameterHeaders == null ? Map.of() : parameterHeaders;
    }

    /** Options with no progress, no maximum total timeout, no {@code _meta} entries, no guard and no headers. */
    public RequestOptions(Duration timeout, boolean lifecycle) {
        this(timeout, lifecycle, null, null, null, null, Map.of(), false);
    }

    /** The options of a quiet lifecycle probe. */
    static RequestOptions probe(Duration timeout) {
        return new RequestOptions(timeout, true, null, null, null, null, Map.of(), true);
    }

    /** Whether the request asks for progress notifications (for a listener, or to restart its timeout). */
    boolean wantsProgress() {
        return progress != null || maxTotalTimeout != null;
    }

    /**
     * {@code params} as sent: as given, or a copy whose {@code _meta} also holds the era's entries
     * ({@code eraMeta}: the modern era's protocol version, client info and capabilities), {@link #meta}
     * and, when {@code progressToken} is not {@code null}, the progress token (the request id, unique
     * among active requests).
     */
    JsonNode params(JsonNode params, RequestId progressToken, ObjectNode eraMeta) {
        if ((meta == null || meta.isEmpty()) && progressToken == null && eraMeta == null) {
            return params;
        }
        JsonNode tree = params instanceof POJONode wrapped ? topLevel(wrapped.getPojo()) : params;
        // A tree converted from the caller's object is ours already; one the caller built is copied.
        ObjectNode copy = tree instanceof ObjectNode object ? (tree == params ? object.deepCopy() : object)
                : McpJson.mapper().createObjectNode();
        boolean onlyEra = (meta == null || meta.isEmpty()) && progressToken == null;
        if (onlyEra && copy.get("_meta") == null) {
            // The common modern call: its _meta is the era's, shared as it is (never modified once built).
            copy.set("_meta", eraMeta);
            return copy;
        }
        ObjectNode target = copy.get("_meta") instanceof ObjectNode existing ? existing : copy.putObject("_meta");
        if (eraMeta != null) {
            target.setAll(eraMeta);
        }
        if (meta != null) {
            meta.forEach((key, value) -> target.set(key, McpJson.mapper().valueToTree(value)));
        }
        if (progressToken != null) {
            target.set("progressToken", progressToken.toJson());
        }
        return copy;
    }

    /**
     * {@code params} as a tree of which only the top level is built: a {@code tools/call}'s arguments
     * stay wrapped, to be serialized straight into the message as the handshake era does, rather than
     * turned into a tree on every call only to add {@code _meta} beside them.
     */
    private static JsonNode topLevel(Object params) {
        if (!(params instanceof CallToolRequest call)) {
            return McpJson.toTree(params);
        }
        ObjectNode tree = McpJson.mapper().createObjectNode();
        if (call.name() != null) {
            tree.put("name", call.name());
        }
        if (call.arguments() != null) {
            tree.set("arguments", McpJson.toParams(call.arguments()));
        }
        if (call.meta() != null) {
            tree.set("_meta", McpJson.toTree(call.meta()));
        }
        return tree;
    }
}

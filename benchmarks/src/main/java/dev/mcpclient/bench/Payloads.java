package dev.mcpclient.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one tool call every contender makes, and the server's canned answers. */
public final class Payloads {

    /** The tool every contender calls. */
    public static final String TOOL = "search";

    /** Its arguments: a small, realistic object (about 100 bytes of JSON). */
    public static final Map<String, Object> ARGUMENTS = arguments();

    /** The {@code params} of the {@code tools/call}: the tool's name and its arguments. */
    public static final Map<String, Object> CALL_PARAMS = callParams();

    /** The protocol version the server prefers. */
    public static final String PROTOCOL_VERSION = "2025-11-25";

    /** The protocol version of the modern era (stateless): every request carries it. */
    public static final String MODERN_PROTOCOL_VERSION = "2026-07-28";

    /** The client name every contender of the modern era sends in each request's {@code _meta}. */
    public static final String CLIENT_NAME = "bench";

    /** The client version every contender of the modern era sends in each request's {@code _meta}. */
    public static final String CLIENT_VERSION = "1.0.0";

    /**
     * The {@code _meta} of every request of the modern era, as this library sends it with the
     * benchmark's client info ({@value #CLIENT_NAME} {@value #CLIENT_VERSION}) and no capabilities.
     */
    public static final Map<String, Object> MODERN_META = modernMeta();

    /** The {@code params} of the modern era's {@code tools/call}: {@link #CALL_PARAMS} and {@link #MODERN_META}. */
    public static final Map<String, Object> MODERN_CALL_PARAMS = modernCallParams();

    /** The {@code result} of {@code server/discover} on the modern endpoints. */
    public static final String DISCOVER_RESULT = "{\"resultType\":\"complete\",\"supportedVersions\":[\""
            + MODERN_PROTOCOL_VERSION + "\"],\"capabilities\":{\"tools\":{}},\"ttlMs\":0,\"cacheScope\":\"public\"}";

    /** The text of the tool's answer: about 300 bytes, a typical short tool result. */
    static final String RESULT_TEXT = "Found 3 results for 'mcp client benchmark': "
            + "1. Model Context Protocol specification, revision 2025-11-25 (modelcontextprotocol.io); "
            + "2. Streamable HTTP transport: sessions, resumption and the background stream; "
            + "3. JSON-RPC 2.0 message envelopes, request ids and error codes. Took 12 ms.";

    /** The {@code result} object of {@code tools/call}. */
    static final String TOOL_RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\"" + RESULT_TEXT
            + "\"}],\"isError\":false}";

    /** The {@code result} object of {@code tools/call} in the modern era: the same, marked complete. */
    static final String MODERN_TOOL_RESULT = "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\""
            + RESULT_TEXT + "\"}],\"isError\":false}";

    private Payloads() {
    }

    private static Map<String, Object> arguments() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("lang", "en");
        filters.put("safe", true);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("query", "mcp client benchmark");
        args.put("limit", 10);
        args.put("filters", filters);
        return java.util.Collections.unmodifiableMap(args);
    }

    private static Map<String, Object> callParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", TOOL);
        params.put("arguments", ARGUMENTS);
        return java.util.Collections.unmodifiableMap(params);
    }

    private static Map<String, Object> modernMeta() {
        Map<String, Object> clientInfo = new LinkedHashMap<>();
        clientInfo.put("name", CLIENT_NAME);
        clientInfo.put("version", CLIENT_VERSION);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("io.modelcontextprotocol/protocolVersion", MODERN_PROTOCOL_VERSION);
        meta.put("io.modelcontextprotocol/clientInfo", java.util.Collections.unmodifiableMap(clientInfo));
        meta.put("io.modelcontextprotocol/clientCapabilities", Map.of());
        return java.util.Collections.unmodifiableMap(meta);
    }

    private static Map<String, Object> modernCallParams() {
        Map<String, Object> params = new LinkedHashMap<>(CALL_PARAMS);
        params.put("_meta", MODERN_META);
        return java.util.Collections.unmodifiableMap(params);
    }

    /** A JSON-RPC response with a raw JSON id and result. */
    static String response(String idJson, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"result\":" + resultJson + "}";
    }

    /** One SSE {@code message} event. */
    static String event(long id, String json) {
        return "id: " + id + "\nevent: message\ndata: " + json + "\n\n";
    }
}

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

    /** The text of the tool's answer: about 300 bytes, a typical short tool result. */
    static final String RESULT_TEXT = "Found 3 results for 'mcp client benchmark': "
            + "1. Model Context Protocol specification, revision 2025-11-25 (modelcontextprotocol.io); "
            + "2. Streamable HTTP transport: sessions, resumption and the background stream; "
            + "3. JSON-RPC 2.0 message envelopes, request ids and error codes. Took 12 ms.";

    /** The {@code result} object of {@code tools/call}. */
    static final String TOOL_RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\"" + RESULT_TEXT
            + "\"}],\"isError\":false}";

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

    /** A JSON-RPC response with a raw JSON id and result. */
    static String response(String idJson, String resultJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"result\":" + resultJson + "}";
    }

    /** One SSE {@code message} event. */
    static String event(long id, String json) {
        return "id: " + id + "\nevent: message\ndata: " + json + "\n\n";
    }
}

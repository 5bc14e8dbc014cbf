package dev.mcpclient.bench.micro;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The inputs of the micro-benchmarks, built the same way every time. */
public final class Fixtures {

    /** A tool result as servers send it (about 300 bytes of text). */
    public static final String TOOL_RESULT_TEXT = "Found 3 results for 'mcp client benchmark': "
            + "1. Model Context Protocol specification, revision 2025-11-25 (modelcontextprotocol.io); "
            + "2. Streamable HTTP transport: sessions, resumption and the background stream; "
            + "3. JSON-RPC 2.0 message envelopes, request ids and error codes. Took 12 ms.";

    private Fixtures() {
    }

    /** A {@code tools/call} response, as the server writes it. */
    public static byte[] toolCallResponse() {
        return ("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""
                + TOOL_RESULT_TEXT + "\"}],\"isError\":false}}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * An event stream as MCP servers write them.
     *
     * @param kind {@code mcp-events}: 200 tool calls' worth of events, each a progress notification
     *     then a response, with ids (about 100 KB); {@code large-event}: one 1 MiB response whose text
     *     is one long JSON string (as a resource read or a big tool result)
     */
    public static byte[] sseStream(String kind) {
        StringBuilder s = new StringBuilder();
        switch (kind) {
            case "mcp-events":
                for (int i = 0; i < 200; i++) {
                    s.append("id: ").append(2 * i).append("\nevent: message\ndata: ")
                            .append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":")
                            .append(i).append(",\"progress\":1,\"total\":2,\"message\":\"searching\"}}\n\n");
                    s.append("id: ").append(2 * i + 1).append("\nevent: message\ndata: ")
                            .append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
                            .append(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"").append(TOOL_RESULT_TEXT)
                            .append("\"}],\"isError\":false}}\n\n");
                }
                break;
            case "large-event": {
                char[] text = new char[1024 * 1024];
                Arrays.fill(text, 'x');
                s.append("id: 1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"")
                        .append(text).append("\"}],\"isError\":false}}\n\n");
                break;
            }
            default:
                throw new IllegalArgumentException(kind);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}

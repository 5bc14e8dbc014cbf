package dev.mcpclient.bench.clients;

import java.util.List;

/** The contenders, in table order. */
public final class Contenders {

    /** A bare WebClient POST of the same JSON-RPC body, response parsed: the floor. */
    public static final Contender FLOOR = new Contender("floor",
            "bare WebClient POST of the same JSON-RPC body on the same session, response parsed (no MCP client)",
            false, FloorClient::connect);

    /** The floor driven by one blocked thread per caller: the floor of a blocking API. */
    public static final Contender FLOOR_BLOCKING = new Contender("floor-blocking",
            "the floor, each caller a platform thread blocked in block()", true, FloorClient::connect);

    /** This library, reactive. */
    public static final Contender OURS_REACTIVE = new Contender("ours-reactive",
            "this library: ReactiveMcpClient.callTool", false, OursClient::connect);

    /** This library, blocking. */
    public static final Contender OURS_BLOCKING = new Contender("ours-blocking",
            "this library: McpClient.callTool, each caller a platform thread", true, OursClient::connect);

    /** The official Java SDK 2.1.0, its async client on the JDK HttpClient Streamable HTTP transport. */
    public static final Contender SDK = new Contender("java-sdk",
            "official MCP Java SDK 2.1.0: McpAsyncClient.callTool, HttpClientStreamableHttpTransport",
            false, SdkClient::connect);

    /** Every contender of the load scenarios. */
    public static final List<Contender> ALL = List.of(FLOOR, OURS_REACTIVE, OURS_BLOCKING, SDK, FLOOR_BLOCKING);

    private Contenders() {
    }

    /** The contender named {@code name}. */
    public static Contender named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contender " + name));
    }
}

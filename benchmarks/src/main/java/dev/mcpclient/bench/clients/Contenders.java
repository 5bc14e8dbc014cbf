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

    /**
     * A second floor client, identical to {@link #FLOOR}, measured in the same rounds: how far two
     * identical clients differ in one run, i.e. what a ratio to the floor can resolve on this machine.
     */
    public static final Contender CONTROL = new Contender("control",
            "a second floor client, identical to floor: the run's own noise", false, FloorClient::connect);

    /**
     * A second floor-blocking client, identical to {@link #FLOOR_BLOCKING}: the run's own noise for the
     * blocking cells, as {@link #CONTROL} is for the reactive ones.
     */
    public static final Contender CONTROL_BLOCKING = new Contender("control-blocking",
            "a second floor-blocking client, identical to floor-blocking: the run's own noise for blocking callers",
            true, FloorClient::connect);

    /** Every contender of the load scenarios. */
    public static final List<Contender> ALL = List.of(FLOOR, OURS_REACTIVE, OURS_BLOCKING, SDK, FLOOR_BLOCKING, CONTROL,
            CONTROL_BLOCKING);

    /**
     * The floor without {@code WebClient}: Reactor Netty's {@code HttpClient} directly. Not in
     * {@link #ALL}; named with {@code --contenders} to see what {@code WebClient} itself costs.
     */
    public static final Contender NETTY_FLOOR = new Contender("netty-floor",
            "Reactor Netty HttpClient POST of the same JSON-RPC body, no WebClient, response parsed",
            false, NettyFloorClient::connect);

    /**
     * This library's transport alone, a map from ids to waiting calls around it (no session, no client).
     * Not in {@link #ALL}; named with {@code --contenders} to split a call's cost between the transport
     * and what is above it. A call settles once its POST is over.
     */
    public static final Contender TRANSPORT = new Contender("transport",
            "this library's StreamableHttpTransport alone: ids and a map of waiting calls, no session or client",
            false, TransportClient::connect);

    /** {@link #TRANSPORT}, each caller a platform thread blocked in {@code block()}. */
    public static final Contender TRANSPORT_BLOCKING = new Contender("transport-blocking",
            "the transport alone, each caller a platform thread blocked in block()", true, TransportClient::connect);

    private Contenders() {
    }

    /** The contender named {@code name}. */
    public static Contender named(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(NETTY_FLOOR, TRANSPORT, TRANSPORT_BLOCKING))
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contender " + name));
    }
}

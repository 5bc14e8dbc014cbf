package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Era;
import dev.mcpclient.bench.Payloads;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The contenders, in table order. Each runs in both eras unless said otherwise: against an endpoint
 * of the modern era, a floor is its modern twin ({@link ModernFloorClient}: the same modern request as
 * this library's, on the same bare HTTP client), and this library detects the era as it does by default.
 */
public final class Contenders {

    private static final Set<Era> BOTH = EnumSet.allOf(Era.class);

    /** A bare WebClient POST of the same JSON-RPC body, response parsed: the floor. */
    public static final Contender FLOOR = new Contender("floor",
            "bare WebClient POST of the same JSON-RPC body on the same session (modern era: the same modern "
                    + "request, _meta and headers included), response parsed (no MCP client)",
            false, BOTH, Contenders::floor);

    /** The floor driven by one blocked thread per caller: the floor of a blocking API. */
    public static final Contender FLOOR_BLOCKING = new Contender("floor-blocking",
            "the floor, each caller a platform thread blocked in block()", true, BOTH, Contenders::floor);

    /** This library, reactive. */
    public static final Contender OURS_REACTIVE = new Contender("ours-reactive",
            "this library: ReactiveMcpClient.callTool (protocol version auto: the era detected)", false, BOTH,
            (url, era) -> OursClient.connect(url));

    /** This library, blocking. */
    public static final Contender OURS_BLOCKING = new Contender("ours-blocking",
            "this library: McpClient.callTool, each caller a platform thread", true, BOTH,
            (url, era) -> OursClient.connect(url));

    /** The official Java SDK 2.1.0, its async client on the JDK HttpClient Streamable HTTP transport. Handshake era only. */
    public static final Contender SDK = new Contender("java-sdk",
            "official MCP Java SDK 2.1.0: McpAsyncClient.callTool, HttpClientStreamableHttpTransport (handshake era only)",
            false, EnumSet.of(Era.HANDSHAKE), (url, era) -> SdkClient.connect(url));

    /**
     * A second floor client, identical to {@link #FLOOR}, measured in the same rounds: how far two
     * identical clients differ in one run, i.e. what a ratio to the floor can resolve on this machine.
     */
    public static final Contender CONTROL = new Contender("control",
            "a second floor client, identical to floor: the run's own noise", false, BOTH, Contenders::floor);

    /**
     * A second floor-blocking client, identical to {@link #FLOOR_BLOCKING}: the run's own noise for the
     * blocking cells, as {@link #CONTROL} is for the reactive ones.
     */
    public static final Contender CONTROL_BLOCKING = new Contender("control-blocking",
            "a second floor-blocking client, identical to floor-blocking: the run's own noise for blocking callers",
            true, BOTH, Contenders::floor);

    /** Every contender of the load scenarios (each in the eras it runs in). */
    public static final List<Contender> ALL = List.of(FLOOR, OURS_REACTIVE, OURS_BLOCKING, SDK, FLOOR_BLOCKING, CONTROL,
            CONTROL_BLOCKING);

    /**
     * This library, reactive, pinned to the era's revision (2026-07-28, or 2025-11-25 in the handshake
     * era): no probe, and no check per call that the era found still holds. Not in {@link #ALL}; named
     * with {@code --contenders} to see what detecting the era costs per call.
     */
    public static final Contender OURS_PINNED = new Contender("ours-pinned",
            "this library: ReactiveMcpClient.callTool, pinned to the era's revision", false, BOTH,
            (url, era) -> OursClient.connect(url, era == Era.MODERN ? Payloads.MODERN_PROTOCOL_VERSION
                    : Payloads.PROTOCOL_VERSION));

    /**
     * The floor without {@code WebClient}: Reactor Netty's {@code HttpClient} directly. Not in
     * {@link #ALL}; named with {@code --contenders} to see what {@code WebClient} itself costs.
     */
    public static final Contender NETTY_FLOOR = new Contender("netty-floor",
            "Reactor Netty HttpClient POST of the same JSON-RPC body, no WebClient, response parsed",
            false, BOTH, (url, era) -> era == Era.MODERN ? ModernNettyFloorClient.connect(url) : NettyFloorClient.connect(url));

    /**
     * This library's transport alone, a map from ids to waiting calls around it (no session, no client).
     * Not in {@link #ALL}; named with {@code --contenders} to split a call's cost between the transport
     * and what is above it. A call settles once its POST is over. In the modern era the transport sends
     * the revision's headers, and the params carry the revision's {@code _meta}, built once.
     */
    public static final Contender TRANSPORT = new Contender("transport",
            "this library's StreamableHttpTransport alone: ids and a map of waiting calls, no session or client",
            false, BOTH, Contenders::transport);

    /** {@link #TRANSPORT}, each caller a platform thread blocked in {@code block()}. */
    public static final Contender TRANSPORT_BLOCKING = new Contender("transport-blocking",
            "the transport alone, each caller a platform thread blocked in block()", true, BOTH, Contenders::transport);

    private Contenders() {
    }

    private static BenchClient floor(String url, Era era) {
        return era == Era.MODERN ? ModernFloorClient.connect(url) : FloorClient.connect(url);
    }

    private static BenchClient transport(String url, Era era) {
        return era == Era.MODERN ? TransportClient.connectModern(url) : TransportClient.connect(url);
    }

    /** The contender named {@code name}. */
    public static Contender named(String name) {
        return Stream.concat(ALL.stream(), Stream.of(OURS_PINNED, NETTY_FLOOR, TRANSPORT, TRANSPORT_BLOCKING))
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contender " + name));
    }
}

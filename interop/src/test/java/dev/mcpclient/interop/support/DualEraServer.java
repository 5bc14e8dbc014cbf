package dev.mcpclient.interop.support;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code interop/peers/dual-era-server.mjs}: a server built on the official TypeScript SDK server
 * ({@code @modelcontextprotocol/server}, pinned in {@code interop/package.json}) that serves both protocol
 * eras on one endpoint: 2026-07-28 through the SDK's {@code createMcpHandler} (stateless,
 * {@code server/discover}, multi-round-trip results, {@code subscriptions/listen}) and the handshake era
 * ({@code initialize} at 2025-11-25, 2025-06-18 or 2025-03-26) through a sessionful streamable HTTP
 * transport per session, routed by the SDK's {@code isLegacyRequest}. Its tools, resources and prompts are
 * documented in the script. Over Streamable HTTP at {@code http://127.0.0.1:<free port>/mcp}.
 */
public final class DualEraServer implements AutoCloseable {

    /** The server's name in its {@code initialize} result and in the {@code serverInfo} of its 2026-07-28 results. */
    public static final String NAME = "dual-era-server";
    /** The URI of its one resource. */
    public static final String README = "file:///ts/readme.txt";
    /** The text of {@link #README}. */
    public static final String README_TEXT = "hello from the TypeScript SDK";
    /** The URI template of its one resource template. */
    public static final String NOTES_TEMPLATE = "file:///ts/notes/{name}";
    /** The logger of its {@code log} tool's messages. */
    public static final String LOGGER = "ts";

    private static final Pattern LISTENING = Pattern.compile("dual-era-server: listening at (http://127\\.0\\.0\\.1:\\d+/mcp)");

    private final PeerProcess process;

    private DualEraServer(PeerProcess process) {
        this.process = process;
    }

    /** Starts it; returns once it listens. */
    public static DualEraServer start() {
        return new DualEraServer(PeerProcess.start("dual-era-server",
                NpmPeers.loopbackServer(NpmPeers.moduleDir().resolve("peers/dual-era-server.mjs")),
                Map.of("PORT", "0"), LISTENING, Duration.ofSeconds(30)));
    }

    /** Its Streamable HTTP endpoint (both eras). */
    public String url() {
        return process.ready().group(1);
    }

    /** The last lines it printed. */
    public String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}

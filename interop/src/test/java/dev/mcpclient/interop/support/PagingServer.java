package dev.mcpclient.interop.support;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code interop/peers/paging-server.mjs}: a server built on the official TypeScript SDK server
 * ({@code @modelcontextprotocol/server}, pinned in {@code interop/package.json}) whose tool list comes in
 * pages ({@code tool-1} to {@code tool-7}, three per page, the cursor being the index of the next tool),
 * over Streamable HTTP on a free loopback port.
 */
public final class PagingServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("interop: listening on 127\\.0\\.0\\.1:(\\d+)");

    private final PeerProcess process;

    private PagingServer(PeerProcess process) {
        this.process = process;
    }

    /** Starts it; returns once it listens. */
    public static PagingServer start() {
        return new PagingServer(PeerProcess.start("paging-server",
                NpmPeers.loopbackServer(NpmPeers.moduleDir().resolve("peers/paging-server.mjs")),
                Map.of("PORT", "0"), LISTENING, Duration.ofSeconds(30)));
    }

    /** Its Streamable HTTP endpoint. */
    public String url() {
        return "http://127.0.0.1:" + process.ready().group(1) + "/mcp";
    }

    @Override
    public void close() {
        process.close();
    }
}

package dev.mcpclient.interop.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything} (npm, pinned in
 * {@code interop/package.json}): over Streamable HTTP on a free loopback port, or as a stdio command.
 */
public final class EverythingServer implements AutoCloseable {

    private static final String SCRIPT = "@modelcontextprotocol/server-everything/dist/index.js";
    private static final Pattern LISTENING = Pattern.compile("interop: listening on 127\\.0\\.0\\.1:(\\d+)");

    private final PeerProcess process;
    private final String url;

    private EverythingServer(PeerProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it over Streamable HTTP; returns once it listens. */
    public static EverythingServer streamableHttp() {
        Path script = NpmPeers.packageFile(SCRIPT);
        PeerProcess process = PeerProcess.start("server-everything", NpmPeers.loopbackServer(script, "streamableHttp"),
                Map.of("PORT", "0"), LISTENING, Duration.ofSeconds(30));
        return new EverythingServer(process, "http://127.0.0.1:" + process.ready().group(1) + "/mcp");
    }

    /** The command that runs it over stdio. */
    public static List<String> stdioCommand() {
        return List.of(NpmPeers.node().toString(), NpmPeers.packageFile(SCRIPT).toString(), "stdio");
    }

    /** Its Streamable HTTP endpoint. */
    public String url() {
        return url;
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

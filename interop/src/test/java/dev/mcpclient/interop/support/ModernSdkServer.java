package dev.mcpclient.interop.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official Java SDK's stateless server of the 2026-07-28 revision ({@code io.modelcontextprotocol.sdk:mcp}
 * 2.2.0, package {@code io.modelcontextprotocol.modern}), as a child java process:
 * {@code dev.mcpclient.interop.peers.ModernSdkServer} of the module {@code interop/java-sdk-modern-server},
 * run with that module's own class path ({@code target/classes} and {@code target/peer-classpath.txt},
 * written by its build), so that none of its dependencies meet the client's. It speaks 2026-07-28 only
 * ({@code server/discover}, per-request {@code _meta}; {@code initialize} is answered with -32022) at
 * {@code http://127.0.0.1:<free port>/mcp}; its tools, resources and prompts are documented on that class.
 */
public final class ModernSdkServer implements AutoCloseable {

    /** The server's name in the {@code serverInfo} of its results. */
    public static final String NAME = "sdk-modern-server";
    /** The URI of its one resource. */
    public static final String README = "file:///sdk/readme.txt";
    /** The text of {@link #README}. */
    public static final String README_TEXT = "hello from the modern Java SDK";
    /** The URI template of its one resource template. */
    public static final String NOTES_TEMPLATE = "file:///sdk/notes/{name}";
    /** The logger of its {@code log} tool's messages. */
    public static final String LOGGER = "sdk";

    private static final String MAIN = "dev.mcpclient.interop.peers.ModernSdkServer";
    private static final Pattern LISTENING = Pattern.compile("interop: listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SDK_VERSION = Pattern.compile("io/modelcontextprotocol/sdk/mcp/([^/]+)/");

    private final PeerProcess process;

    private ModernSdkServer(PeerProcess process) {
        this.process = process;
    }

    /** Starts it on a free port; returns once it listens. */
    public static ModernSdkServer start() {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = moduleDir().resolve("target/classes") + File.pathSeparator + classPath();
        return new ModernSdkServer(PeerProcess.start("sdk-modern-server", List.of(javaBinary, "-cp", classPath, MAIN),
                Map.of("PORT", "0"), LISTENING, Duration.ofSeconds(30)));
    }

    /** Its endpoint, {@code http://127.0.0.1:<port>/mcp}. */
    public String url() {
        return "http://127.0.0.1:" + process.ready().group(1) + "/mcp";
    }

    /** The last lines it printed. */
    public String output() {
        return process.output();
    }

    /**
     * The version of {@code io.modelcontextprotocol.sdk:mcp} it runs, from its class path, or
     * {@code unknown} when its module is not built.
     */
    public static String sdkVersionIfBuilt() {
        if (!Files.exists(moduleDir().resolve("target/peer-classpath.txt"))) {
            return "unknown";
        }
        Matcher m = SDK_VERSION.matcher(classPath().replace('\\', '/'));
        return m.find() ? m.group(1) : "unknown";
    }

    @Override
    public void close() {
        process.close();
    }

    /** {@code interop/java-sdk-modern-server}. */
    static Path moduleDir() {
        return NpmPeers.moduleDir().resolve("java-sdk-modern-server");
    }

    private static String classPath() {
        Path file = moduleDir().resolve("target/peer-classpath.txt");
        if (!Files.exists(file) || !Files.isDirectory(moduleDir().resolve("target/classes"))) {
            throw new IllegalStateException(file + " is missing: build the peer first, e.g. "
                    + "./mvnw -B -q -pl interop -am package -DskipTests");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

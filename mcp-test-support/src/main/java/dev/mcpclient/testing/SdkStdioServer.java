package dev.mcpclient.testing;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The official MCP Java SDK's server over stdio ({@code StdioServerTransportProvider}), run as a child JVM
 * by the tests ({@link #commandLine()}): a real peer of the stdio transport, with the features of
 * {@link SdkServer}. It exits when its standard input ends. Its logs go to standard error.
 */
public final class SdkStdioServer {

    private SdkStdioServer() {
    }

    /** The command line that runs this server with the current class path: the command, then its arguments. */
    public static List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // A class path resource: found in this module's classes directory and in its jar alike.
        line.add("-Dlogback.configurationFile=dev/mcpclient/testing/logback-stdio-server.xml");
        line.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SdkStdioServer.class.getName()));
        return line;
    }

    /** Serves MCP on standard input and output until standard input ends. */
    public static void main(String[] args) throws InterruptedException {
        // Like most stdio servers, it exits when its standard input ends (the client closed it).
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    System.err.println("stdin closed, exiting");
                    new Thread(() -> System.exit(0)).start();
                }
                return n;
            }
        };
        McpSyncServer server = new SdkFeatures().build(McpServer.sync(
                new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, System.out)));
        System.err.println("sdk stdio test server started");
        new CountDownLatch(1).await();
        server.close();
    }
}

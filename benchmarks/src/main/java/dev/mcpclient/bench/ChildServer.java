package dev.mcpclient.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BenchServer} in a child JVM (same classpath), so that the heap of this JVM holds the
 * clients' state only. It ends when its standard input is closed.
 */
final class ChildServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildServer start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx1g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), "2"));
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("LISTENING ")) {
                return new ChildServer(process, Integer.parseInt(line.substring("LISTENING ".length()).trim()));
            }
        }
        process.destroyForcibly();
        throw new IOException("the child server did not start");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int held() throws IOException {
        return Integer.parseInt(control("GET", "held"));
    }

    void hold() throws IOException {
        control("POST", "hold");
    }

    void release() throws IOException {
        control("POST", "release");
    }

    private String control(String method, String what) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(baseUrl() + "/control/" + what).openConnection();
        c.setRequestMethod(method);
        try (var in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            c.disconnect();
        }
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

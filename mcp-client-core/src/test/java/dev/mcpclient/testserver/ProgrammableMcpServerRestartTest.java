package dev.mcpclient.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.support.Watchdog;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the soak relies on: a server started again on the port of a closed one, and the count of its connections. */
class ProgrammableMcpServerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();

    @Test
    void aServerStartedAgainOnThePortOfAClosedOneServesTheSameUrlWithoutItsSessions() throws Exception {
        ProgrammableMcpServer first = ProgrammableMcpServer.start();
        String url = first.url();
        String session;
        try (first) {
            HttpResponse<String> initialized = post(url, null, INITIALIZE);
            session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(url, session, PING).statusCode()).isEqualTo(200);
        }

        try (ProgrammableMcpServer again = ProgrammableMcpServer.start(first.port())) {
            assertThat(again.url()).isEqualTo(url);
            assertThat(post(url, session, PING).statusCode()).as("the old session is unknown").isEqualTo(404);
            String renewed = post(url, null, INITIALIZE).headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(post(url, renewed, PING).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void openConnectionsCountsTheConnectionsAcceptedAndNotYetClosed() throws Exception {
        try (ProgrammableMcpServer server = ProgrammableMcpServer.start()) {
            assertThat(server.openConnections()).isZero();
            Socket one = new Socket("127.0.0.1", server.port());
            Socket two = new Socket("127.0.0.1", server.port());
            awaitConnections(server, n -> n == 2);
            one.close();
            awaitConnections(server, n -> n == 1);
            two.close();
            awaitConnections(server, n -> n == 0);
        }
    }

    /**
     * Connections made while the server closes are closed too, whatever moment they came in: none is left
     * open for a client to wait on until its timeout (as one accepted just before the listening socket
     * closed was, when the accepted connections were closed first). Bounded: 20 closes under a stream of
     * connections, each connection then read with a 5 s limit.
     */
    @Test
    void noConnectionMadeWhileTheServerClosesIsLeftOpen() throws Exception {
        List<String> leftOpen = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            ProgrammableMcpServer server = ProgrammableMcpServer.start();
            List<Socket> sockets = new CopyOnWriteArrayList<>();
            AtomicBoolean closing = new AtomicBoolean();
            Thread connector = new Thread(() -> {
                while (!closing.get() || sockets.size() < 4) {
                    try {
                        sockets.add(new Socket("127.0.0.1", server.port()));
                    } catch (IOException refused) {
                        return; // the listening socket is closed
                    }
                }
            });
            connector.start();
            while (sockets.size() < 4) {
                Thread.onSpinWait();
            }
            closing.set(true);
            server.close();
            connector.join(WAIT.toMillis());
            for (Socket socket : sockets) {
                try (socket) {
                    socket.setSoTimeout(5000);
                    if (socket.getInputStream().read() != -1) {
                        leftOpen.add("round " + round + ": " + socket + " got data");
                    }
                } catch (SocketTimeoutException stillOpen) {
                    leftOpen.add("round " + round + ": " + socket + " still open 5 s after the server closed");
                } catch (IOException reset) {
                    // closed with a reset: fine
                }
            }
        }
        assertThat(leftOpen).isEmpty();
    }

    private static void awaitConnections(ProgrammableMcpServer server, IntPredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!expected.test(server.openConnections())) {
            assertThat(System.nanoTime()).as("connections counted: %d", server.openConnections()).isLessThan(deadline);
            Thread.sleep(10); // polling a count the server's event loop changes; nothing is ordered by it
        }
    }

    /** Each request on a new connection: none pooled from before a restart. */
    private static HttpResponse<String> post(String url, String session, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
        return jdk.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

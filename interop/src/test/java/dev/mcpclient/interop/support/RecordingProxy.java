package dev.mcpclient.interop.support;

import dev.mcpclient.schema.McpJson;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

/**
 * A loopback HTTP proxy in front of a peer's Streamable HTTP endpoint that records what reaches the peer:
 * every request's HTTP method and headers and, for a POST, the JSON-RPC method of its body (a request or a
 * notification; {@code null} for the client's responses to the server's requests). Everything is
 * forwarded as it is, both ways, and responses stream through unbuffered (event streams stay open, closing
 * the client's connection closes the peer's); the proxy adds nothing to either side.
 *
 * <p>It listens on {@code http://127.0.0.1:<free port>/<random>/mcp}: an endpoint no client of the JVM has
 * met before, so that what a client remembers of an endpoint (the era of a server) starts empty.
 */
public final class RecordingProxy implements AutoCloseable {

    /** Hop-by-hop headers, and those the proxy's own HTTP layers set. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "keep-alive", "transfer-encoding",
            "te", "trailer", "upgrade", "proxy-connection", "content-length");

    /**
     * One request that reached the peer.
     *
     * @param httpMethod {@code POST}, {@code GET} or {@code DELETE}
     * @param rpcMethod the JSON-RPC method of a POST's request or notification; {@code null} otherwise
     * @param headers its headers (the first value of each), by case-insensitive name
     * @param body a POST's body, or {@code null}
     */
    public record Seen(String httpMethod, String rpcMethod, Map<String, String> headers, JsonNode body) {

        /** The value of header {@code name}, or {@code null}. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final URI target;
    private final String path = "/" + UUID.randomUUID() + "/mcp";
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final LoopResources loops = LoopResources.create("interop-proxy", 1, 2, true);
    private final ConnectionProvider connections = ConnectionProvider.newConnection();
    private final HttpClient upstream;
    private final DisposableServer server;

    private RecordingProxy(String target) {
        this.target = URI.create(target);
        this.upstream = HttpClient.create(connections).runOn(loops);
        this.server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                .handle(this::forward)
                .bindNow(Duration.ofSeconds(10));
    }

    /** A proxy in front of {@code url}, listening once this returns. */
    public static RecordingProxy to(String url) {
        return new RecordingProxy(url);
    }

    /** The proxy's endpoint: give it to a client instead of the peer's. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** What reached the peer so far, in the order it arrived. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The JSON-RPC methods of the requests and notifications POSTed so far, in the order they arrived. */
    public List<String> methods() {
        return seen.stream().filter(s -> s.rpcMethod() != null).map(Seen::rpcMethod).toList();
    }

    /** The last POST of a request or notification of {@code rpcMethod}. */
    public Seen last(String rpcMethod) {
        List<Seen> all = seen.stream().filter(s -> rpcMethod.equals(s.rpcMethod())).toList();
        if (all.isEmpty()) {
            throw new AssertionError("no " + rpcMethod + " reached the peer; what did: " + methods());
        }
        return all.get(all.size() - 1);
    }

    private Publisher<Void> forward(HttpServerRequest request, HttpServerResponse response) {
        if (!request.uri().equals(path) && !request.uri().startsWith(path + "?")) {
            return response.status(404).send();
        }
        HttpMethod method = request.method();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.requestHeaders().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            record(method, headers, body);
            String uri = target.toString() + request.uri().substring(path.length());
            HttpClient.RequestSender sender = upstream
                    .headers(h -> {
                        copy(request.requestHeaders(), h);
                        if (body.length > 0) {
                            h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                        }
                    })
                    .request(method).uri(uri);
            HttpClient.ResponseReceiver<?> receiver = body.length > 0
                    ? sender.send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(body))) : sender;
            return receiver.response((answer, content) -> {
                response.status(answer.status());
                copy(answer.responseHeaders(), response.responseHeaders());
                String length = answer.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null) {
                    response.responseHeaders().set(HttpHeaderNames.CONTENT_LENGTH, length);
                }
                // Each piece as it comes: an event stream must reach the client event by event.
                return response.send(content.retain(), piece -> true);
            }).then();
        });
    }

    private void record(HttpMethod method, Map<String, String> headers, byte[] body) {
        JsonNode json = null;
        String rpcMethod = null;
        if (body.length > 0) {
            try {
                json = McpJson.mapper().readTree(body);
                JsonNode m = json.get("method");
                rpcMethod = m != null && m.isString() ? m.asString() : null;
            } catch (RuntimeException e) {
                // not JSON: forwarded as it is, recorded without a method
            }
        }
        seen.add(new Seen(method.name(), rpcMethod, headers, json));
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        from.forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        connections.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }
}

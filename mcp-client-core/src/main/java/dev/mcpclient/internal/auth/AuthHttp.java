package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP calls of authorization to metadata documents, registration and token endpoints: a JSON
 * document fetched with {@code GET} (absent on 404 and the like), a JSON body posted, a form posted.
 * Responses are read up to {@link #MAX_BYTES}; every call is bounded by a timeout. Error messages name
 * the URL (redacted) and the status, never a request body.
 */
public final class AuthHttp {

    /** The largest response read. */
    static final int MAX_BYTES = 256 * 1024;

    private final WebClient webClient;
    private final Duration timeout;

    /** Calls through {@code webClient}, each bounded by {@code timeout}. */
    public AuthHttp(WebClient webClient, Duration timeout) {
        this.webClient = webClient;
        this.timeout = timeout;
    }

    /**
     * A JSON response: its status, its body (an empty object when the body is no JSON object) and its
     * headers (a DPoP server's {@code DPoP-Nonce}).
     */
    public record JsonResponse(int status, JsonNode body, HttpHeaders headers) {
        public JsonResponse {
            headers = headers == null ? HttpHeaders.EMPTY : HttpHeaders.readOnlyHttpHeaders(headers);
        }

        /** A response without headers. */
        public JsonResponse(int status, JsonNode body) {
            this(status, body, null);
        }

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The text field {@code name}, or {@code null}. */
        public String text(String name) {
            JsonNode n = body.get(name);
            return n == null || !n.isString() ? null : n.asString();
        }

        @Override
        public String toString() {
            return "JsonResponse[status=" + status + "]";
        }
    }

    /**
     * The JSON document at {@code url}: empty when the server answers 4xx or with something that is no
     * JSON object (a document that is not there), an error when it cannot be reached or answers 5xx.
     */
    public Mono<Optional<JsonNode>> getDocument(URI url) {
        return webClient.get().uri(url).header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .exchangeToMono(response -> read(response).map(body -> {
                    int status = response.statusCode().value();
                    if (status >= 500) {
                        throw new McpAuthorizationException(UrlRedaction.redact(url) + " answered HTTP " + status);
                    }
                    return status >= 200 && status < 300 && body.isObject() ? Optional.of(body) : Optional.<JsonNode>empty();
                }))
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("Could not fetch " + UrlRedaction.redact(url) + ": " + e, e));
    }

    /** Posts {@code json} to {@code url}. */
    public Mono<JsonResponse> postJson(URI url, Object json) {
        return webClient.post().uri(url).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .bodyValue(McpJson.mapper().writeValueAsString(json))
                .exchangeToMono(response -> read(response).map(body -> new JsonResponse(response.statusCode().value(), body,
                        response.headers().asHttpHeaders())))
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("Could not reach " + UrlRedaction.redact(url) + ": " + e, e));
    }

    /** Posts the form {@code form} to {@code url} with the extra {@code headers}. */
    public Mono<JsonResponse> postForm(URI url, Map<String, String> form, Consumer<HttpHeaders> headers) {
        MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return webClient.post().uri(url).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .headers(headers)
                .body(BodyInserters.fromFormData(body))
                .exchangeToMono(response -> read(response).map(json -> new JsonResponse(response.statusCode().value(), json,
                        response.headers().asHttpHeaders())))
                .timeout(timeout)
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("Could not reach " + UrlRedaction.redact(url) + ": " + e, e));
    }

    private static Mono<JsonNode> read(ClientResponse response) {
        return response.bodyToMono(byte[].class)
                .map(bytes -> {
                    if (bytes.length > MAX_BYTES) {
                        return McpJson.mapper().createObjectNode();
                    }
                    try {
                        JsonNode node = McpJson.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
                        return node == null ? (JsonNode) McpJson.mapper().createObjectNode() : node;
                    } catch (RuntimeException e) {
                        return McpJson.mapper().createObjectNode();
                    }
                })
                .defaultIfEmpty(McpJson.mapper().createObjectNode());
    }
}

package dev.mcpclient.transport.http;

import dev.mcpclient.McpException;
import dev.mcpclient.McpTransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;

/** What the HTTP transports read off a response the same way: its type, an excerpt of its body, how a failure is reported. */
final class HttpResponses {

    /** How much of a body an error quotes. */
    private static final int EXCERPT_BYTES = 1024;

    private HttpResponses() {
    }

    /** The start of the body, for an error whose status says enough: a body that breaks gives "". */
    static Mono<String> excerpt(ClientResponse response) {
        return readExcerpt(response).onErrorReturn("");
    }

    /** The start of the body; a body that breaks while being read fails the result. */
    static Mono<String> readExcerpt(ClientResponse response) {
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(response.bodyToFlux(DataBuffer.class), EXCERPT_BYTES))
                .map(buffer -> {
                    try {
                        return buffer.toString(StandardCharsets.UTF_8).strip();
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty("");
    }

    static boolean isJson(ClientResponse response) {
        return response.headers().contentType().map(t -> t.isCompatibleWith(MediaType.APPLICATION_JSON)).orElse(false);
    }

    static boolean isEventStream(ClientResponse response) {
        return response.headers().contentType().map(t -> t.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).orElse(false);
    }

    /** The response's content type as a message shows it. */
    static String contentType(ClientResponse response) {
        return response.headers().contentType().map(Object::toString).orElse("no Content-Type");
    }

    /** I/O failures are worth a reconnect; what the client itself diagnosed (limits, bad statuses) is not. */
    static boolean isRetryable(Throwable e) {
        return !(e instanceof McpException);
    }

    /**
     * {@code e} as the transport reports it: an {@link McpException} as it is, anything else (an I/O
     * failure) as an {@link McpTransportException} saying what failed, with {@code url} redacted from
     * the cause's message (the HTTP client quotes the full URL, secrets included).
     */
    static Throwable transportError(Throwable e, String what, URI url) {
        if (e instanceof McpException) {
            return e;
        }
        return new McpTransportException(what + " failed: " + UrlRedaction.redactIn(e.getMessage(), url.toString()), e);
    }
}

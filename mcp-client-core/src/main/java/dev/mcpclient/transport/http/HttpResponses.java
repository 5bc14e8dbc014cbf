package dev.mcpclient.transport.http;

import dev.mcpclient.McpException;
import dev.mcpclient.McpTransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
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
        return new McpTransportException(what + " failed: " + tls(e)
                + UrlRedaction.redactIn(e.getMessage(), url.toString()), e);
    }

    /** What a TLS failure in {@code e}'s causes means, as the start of a message; "" when there is none. */
    private static String tls(Throwable e) {
        boolean tls = false;
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException
                    || cause instanceof CertPathBuilderException) {
                return "the TLS handshake failed, as the server's certificate is not trusted (by the trust store of "
                        + "this JVM or of the WebClient's SSL settings): ";
            }
            tls |= cause instanceof SSLException;
        }
        return tls ? "the TLS handshake failed: " : "";
    }
}

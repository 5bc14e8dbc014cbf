package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.internal.eventstream.SseEvent;
import dev.mcpclient.internal.eventstream.SseStreams;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one {@code text/event-stream} response body into JSON-RPC messages, for every stream of both
 * HTTP transports, moving its {@link ResumableEventStream} (last event id, {@code retry}) as events
 * arrive.
 *
 * <p>Each {@code message} event is one JSON-RPC message (or a batch); one whose data is not JSON-RPC
 * is logged and skipped: one bad event does not end the stream. Events of another type go to the
 * caller's handler (the HTTP+SSE {@code endpoint} event). A body that breaks the size limit fails
 * with {@link McpProtocolException}.
 */
final class JsonRpcEventReader {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcEventReader.class);
    private static final String MESSAGE = "message";

    private JsonRpcEventReader() {
    }

    /**
     * @param body the response body; every buffer is released
     * @param maxEventBytes the size limit of one event
     * @param stream the stream the body carries, moved before each message is delivered
     * @param deliver receives each message, in order
     * @param otherEvents receives events of any type but {@code message}, or {@code null} to ignore them
     */
    static Mono<Void> read(Flux<DataBuffer> body, int maxEventBytes, ResumableEventStream stream,
            Consumer<JsonRpcMessage> deliver, Consumer<SseEvent> otherEvents) {
        return SseStreams.decode(body, maxEventBytes)
                .doOnNext(event -> onEvent(event, stream, deliver, otherEvents))
                .then();
    }

    private static void onEvent(SseEvent event, ResumableEventStream stream, Consumer<JsonRpcMessage> deliver,
            Consumer<SseEvent> otherEvents) {
        stream.onEvent(event);
        if (!MESSAGE.equals(event.event())) {
            if (otherEvents != null) {
                otherEvents.accept(event);
            } else if (event.hasData()) {
                log.debug("Ignoring an SSE event of type '{}' on {}", event.event(), stream);
            }
            return;
        }
        if (!event.hasData()) {
            return; // a priming event: an id (and maybe a retry), no message
        }
        List<JsonRpcMessage> messages;
        try {
            messages = JsonRpcCodec.decode(event.data().getBytes(StandardCharsets.UTF_8));
        } catch (McpProtocolException e) {
            stream.failed(e);
            log.warn("Skipping a bad event on {}: {}", stream, e.getMessage());
            return;
        }
        for (JsonRpcMessage message : messages) {
            deliver.accept(message);
        }
    }
}

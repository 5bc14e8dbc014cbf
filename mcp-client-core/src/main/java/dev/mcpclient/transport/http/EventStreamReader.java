package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.internal.eventstream.SseEvent;
import dev.mcpclient.internal.eventstream.SseStreams;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads one HTTP response body of {@code text/event-stream} into JSON-RPC messages, moving the
 * stream's {@link StreamCursor} (last event id, retry) as events arrive.
 *
 * <p>An event whose data is not a JSON-RPC message is logged and skipped: one bad event does not end
 * the stream. A stream that breaks the size limit fails with {@link McpProtocolException}.
 */
final class EventStreamReader {

    private static final Logger log = LoggerFactory.getLogger(EventStreamReader.class);

    private EventStreamReader() {
    }

    /**
     * @param body the response body; every buffer is released
     * @param cursor the stream's position, updated before each message is delivered
     * @param maxEventBytes the size limit of one event
     * @param deliver receives each message, in order
     * @param stream describes the stream in log lines (its {@code toString()}, called only for a line written)
     */
    static Mono<Void> read(Flux<DataBuffer> body, StreamCursor cursor, int maxEventBytes,
            Consumer<JsonRpcMessage> deliver, Object stream) {
        return SseStreams.decode(body, maxEventBytes)
                .doOnNext(event -> onEvent(event, cursor, deliver, stream))
                .then();
    }

    private static void onEvent(SseEvent event, StreamCursor cursor, Consumer<JsonRpcMessage> deliver, Object stream) {
        cursor.progressed = true;
        if (event.lastEventId() != null) {
            // An empty id resets it (WHATWG): the stream can then not be resumed from here.
            cursor.lastEventId = event.lastEventId().isEmpty() ? null : event.lastEventId();
        }
        if (event.retry() != null) {
            cursor.retryMillis = event.retry();
        }
        if (!event.hasData()) {
            return;
        }
        if (!"message".equals(event.event())) {
            log.debug("Ignoring an SSE event of type '{}' on {}", event.event(), stream);
            return;
        }
        java.util.List<JsonRpcMessage> messages;
        try {
            messages = JsonRpcCodec.decode(event.data().getBytes(StandardCharsets.UTF_8));
        } catch (McpProtocolException e) {
            cursor.lastError = e;
            log.warn("Skipping a bad event on {}: {}", stream, e.getMessage());
            return;
        }
        for (JsonRpcMessage message : messages) {
            deliver.accept(message);
        }
    }
}

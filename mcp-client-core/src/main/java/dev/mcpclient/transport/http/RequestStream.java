package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpMethods;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One POST exchange of {@link StreamableHttpEndpoint}: the response it exists for, its event stream
 * (resumed until that response arrives by any route), or its {@code application/json} answer, kept
 * until the exchange is over.
 */
final class RequestStream implements BooleanSupplier {
    final RequestId awaited;
    final boolean initialize;
    final String method;
    final ResumableEventStream events;
    /** Whether the POST was answered with an event stream (which may need resuming once it ended). */
    volatile boolean sse;
    volatile boolean responseSeen;
    private final Consumer<JsonRpcMessage> inbound;
    private volatile List<JsonRpcMessage> answer;
    /** The awaited response, held until the read that brought it is over ({@link #hold}). */
    private volatile JsonRpcMessage held;

    private static final AtomicReferenceFieldUpdater<RequestStream, JsonRpcMessage> HELD =
            AtomicReferenceFieldUpdater.newUpdater(RequestStream.class, JsonRpcMessage.class, "held");

    /**
     * @param message the message the POST carries
     * @param inbound where every message of the exchange goes
     * @param reconnect how the stream is resumed
     * @param resumptions counts the resumptions
     */
    RequestStream(JsonRpcMessage message, Consumer<JsonRpcMessage> inbound, ReconnectPolicy reconnect, LongAdder resumptions) {
        this.inbound = inbound;
        if (message instanceof JsonRpcRequest request) {
            this.awaited = request.id();
            this.method = request.method();
            this.initialize = McpMethods.INITIALIZE.equals(request.method());
        } else {
            this.awaited = null;
            this.method = null;
            this.initialize = false;
        }
        this.events = new ResumableEventStream(this, reconnect, true, true, resumptions);
    }

    /** Whether the stream is still wanted: its response has not arrived (by any route). */
    @Override
    public boolean getAsBoolean() {
        return !responseSeen;
    }

    /** Whether the response arrived on this exchange. */
    boolean responseSeen() {
        return responseSeen;
    }

    void deliver(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse response && response.id().equals(awaited)) {
            // Marked first: delivering may settle the call and cancel this stream at once.
            responseSeen = true;
            if (sse && hold(message)) {
                return;
            }
        } else {
            releaseHeld(); // in order: the held response before anything that came after it
        }
        inbound.accept(message);
    }

    /**
     * Holds the awaited response of an event stream until its event loop has finished the read that
     * brought it, when it runs on one. A server ends the stream right after the response, mostly in
     * that same read: the exchange is then over, its connection back in the pool, before the caller
     * learns the outcome and sends its next request (which otherwise takes another connection while
     * this one is being released) and nothing is left to cancel. Bounded by that one read: a stream
     * the server keeps open does not delay the response further.
     */
    private boolean hold(JsonRpcMessage response) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
            return false;
        }
        held = response;
        try {
            loop.execute(this::releaseHeld);
        } catch (RejectedExecutionException shuttingDown) {
            held = null;
            return false;
        }
        return true;
    }

    /** Delivers the held response, if any (once): the read that brought it is over, or the stream failed after it. */
    void releaseHeld() {
        if (held == null) {
            return;
        }
        JsonRpcMessage message = HELD.getAndSet(this, null);
        if (message != null) {
            inbound.accept(message);
        }
    }

    /** Keeps the messages of an {@code application/json} answer until the exchange is over. */
    void answer(List<JsonRpcMessage> messages) {
        answer = messages;
    }

    /** Delivers the kept {@code application/json} answer; fails when it lacks the awaited response. */
    Mono<Void> deliverAnswer() {
        List<JsonRpcMessage> messages = answer;
        if (messages == null) {
            return Mono.empty(); // no application/json answer (202, or nothing awaited)
        }
        answer = null;
        for (JsonRpcMessage message : messages) {
            deliver(message);
        }
        // A JSON answer to a request is its response (spec): without it the call would wait for its timeout.
        return awaited == null || responseSeen ? Mono.empty() : Mono.error(new McpProtocolException(
                "the application/json answer to " + describe() + " did not contain its response"));
    }

    /** Reads an {@code application/json} answer, up to {@code maxMessageBytes}, into its messages. */
    Mono<List<JsonRpcMessage>> readJson(Flux<DataBuffer> body, int maxMessageBytes) {
        return DataBufferUtils.join(body, maxMessageBytes)
                .onErrorMap(DataBufferLimitException.class, e -> new McpProtocolException("the answer to "
                        + describe() + " is larger than the limit of " + maxMessageBytes + " bytes", e))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return JsonRpcCodec.decode(bytes);
                });
    }

    /**
     * An HTTP error answering this exchange ({@code what}, with the URL): a JSON-RPC response to the
     * awaited request in the body is delivered like any response (the call fails with the server's
     * error); anything else, including a response for another id, fails the send with the status and
     * an excerpt (else the call would wait for its timeout).
     */
    Mono<Void> onErrorStatus(ClientResponse response, String what) {
        int status = response.statusCode().value();
        return HttpResponses.excerpt(response).flatMap(text -> {
            if (HttpResponses.isJson(response) && !text.isEmpty()) {
                try {
                    List<JsonRpcMessage> messages = JsonRpcCodec.decode(text.getBytes(StandardCharsets.UTF_8));
                    if (messages.size() == 1 && messages.get(0) instanceof JsonRpcResponse answer
                            && answer.id().equals(awaited)) {
                        deliver(answer);
                        return Mono.empty();
                    }
                } catch (McpProtocolException notJsonRpc) {
                    // fall through: report the status with the body
                }
            }
            return Mono.error(new McpTransportException(what + " failed", status, text));
        });
    }

    String describe() {
        return awaited == null ? "a message" : method + " (id " + awaited + ")";
    }

    /** For log lines (built only when one is written). */
    @Override
    public String toString() {
        return "the stream of " + describe();
    }
}

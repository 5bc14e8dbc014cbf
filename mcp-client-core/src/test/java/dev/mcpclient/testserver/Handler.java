package dev.mcpclient.testserver;

/**
 * Decides the reply to one HTTP request received by a {@link ProgrammableMcpServer}.
 *
 * <p>A handler runs on a Netty event loop and must not block: anything asynchronous goes into the
 * returned {@link Reply} as a publisher the test controls ({@link Reply#sse}, {@link Reply#deferred}).
 */
@FunctionalInterface
public interface Handler {

    /**
     * The reply to {@code request}.
     *
     * @param request the request, already recorded
     * @param exchange the session, the server and the default behaviour
     */
    Reply handle(RecordedRequest request, Exchange exchange);
}

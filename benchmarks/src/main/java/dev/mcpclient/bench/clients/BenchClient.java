package dev.mcpclient.bench.clients;

import reactor.core.publisher.Mono;

/**
 * One connected client of one contender, bound to one endpoint: one session, many calls of the
 * benchmark's tool.
 */
public interface BenchClient extends AutoCloseable {

    /** One {@code tools/call}; the value is the parsed result. */
    Mono<?> call();

    /**
     * One {@code tools/call}, blocking the calling thread; by default the reactive call, blocked.
     * Contenders with a blocking API of their own use it.
     */
    default Object callBlocking() {
        return call().block();
    }

    /** Closes the session and releases connections. */
    @Override
    void close();
}

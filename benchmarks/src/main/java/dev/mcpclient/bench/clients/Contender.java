package dev.mcpclient.bench.clients;

/**
 * A client under test: how to connect one to an endpoint, and whether its callers are reactive
 * (subscriptions, no thread per caller) or blocking (one platform thread per caller).
 *
 * @param name the short name in tables and charts
 * @param description what it is
 * @param blocking whether each caller is a thread blocked in the call
 * @param factory connects a client: the URL of an endpoint, to a connected (initialized) client
 */
public record Contender(String name, String description, boolean blocking, Factory factory) {

    /** Connects clients. */
    @FunctionalInterface
    public interface Factory {
        /** A client of the endpoint at {@code url}, initialized and ready for calls. */
        BenchClient connect(String url);
    }

    /** A connected client of {@code url}. */
    public BenchClient connect(String url) {
        return factory.connect(url);
    }
}

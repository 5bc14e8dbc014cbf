package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Era;
import java.util.Set;

/**
 * A client under test: how to connect one to an endpoint, whether its callers are reactive
 * (subscriptions, no thread per caller) or blocking (one platform thread per caller), and the eras
 * it runs in.
 *
 * @param name the short name in tables and charts
 * @param description what it is
 * @param blocking whether each caller is a thread blocked in the call
 * @param eras the eras whose endpoints it is measured on
 * @param factory connects a client: the URL of an endpoint and its era, to a connected (initialized) client
 */
public record Contender(String name, String description, boolean blocking, Set<Era> eras, Factory factory) {

    /** Connects clients. */
    @FunctionalInterface
    public interface Factory {
        /** A client of the endpoint at {@code url}, which speaks {@code era}, initialized and ready for calls. */
        BenchClient connect(String url, Era era);
    }

    /** Whether it is measured on the endpoints of {@code era}. */
    public boolean runsIn(Era era) {
        return eras.contains(era);
    }

    /** A connected client of {@code url}, an endpoint of the handshake era. */
    public BenchClient connect(String url) {
        return connect(url, Era.HANDSHAKE);
    }

    /** A connected client of {@code url}, an endpoint that speaks {@code era}. */
    public BenchClient connect(String url, Era era) {
        return factory.connect(url, era);
    }
}

package dev.mcpclient.internal;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Whether the receiver of a transport's inbound messages takes more of the server's requests and
 * notifications now: the session's queues of them are bounded, and a transport that reads faster than
 * they are handled stops reading (so the server's writes wait on TCP) until there is room again.
 *
 * <p>The session hands its transport an inbound consumer that is also an {@code InboundFlow}
 * ({@link #attach}); the transports of this library find it with {@link #of} and pause a stream after
 * delivering a request or notification while {@link #accepting()} is false. Responses are never held
 * back: they settle calls and take no room. A transport that does not look (one of an application's
 * own) delivers at its own pace; the session then drops what goes beyond a hard limit, logged once.
 */
public interface InboundFlow {

    /** A receiver without bounds: always accepting. */
    InboundFlow UNBOUNDED = new InboundFlow() {
        @Override
        public boolean accepting() {
            return true;
        }

        @Override
        public void whenAccepting(Runnable resume) {
            resume.run();
        }
    };

    /** Whether the receiver takes more requests and notifications now. */
    boolean accepting();

    /**
     * Runs {@code resume} once, as soon as the receiver accepts again: at once, on this thread, if it
     * does now, else on the thread that made room. {@code resume} must be quick and never block.
     */
    void whenAccepting(Runnable resume);

    /** The flow of {@code inbound}: its own when it has one ({@link #attach}), else {@link #UNBOUNDED}. */
    static InboundFlow of(Consumer<?> inbound) {
        return inbound instanceof InboundFlow flow ? flow : UNBOUNDED;
    }

    /** {@code inbound}, which {@link #of} then finds to have {@code flow}. */
    static <T> Consumer<T> attach(Consumer<T> inbound, InboundFlow flow) {
        Objects.requireNonNull(inbound, "inbound");
        Objects.requireNonNull(flow, "flow");
        return new FlowControlled<>(inbound, flow);
    }

    /** A consumer with the flow of its receiver. */
    final class FlowControlled<T> implements Consumer<T>, InboundFlow {
        private final Consumer<T> inbound;
        private final InboundFlow flow;

        private FlowControlled(Consumer<T> inbound, InboundFlow flow) {
            this.inbound = inbound;
            this.flow = flow;
        }

        @Override
        public void accept(T message) {
            inbound.accept(message);
        }

        @Override
        public boolean accepting() {
            return flow.accepting();
        }

        @Override
        public void whenAccepting(Runnable resume) {
            flow.whenAccepting(resume);
        }
    }
}

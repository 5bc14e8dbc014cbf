package dev.mcpclient.support;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Errors that libraries under the client drop on their own, identified precisely so that a test can
 * set exactly these aside and still fail on every other dropped error.
 */
public final class KnownUpstreamIssues {

    private KnownUpstreamIssues() {
    }

    /**
     * The error Spring Framework 7.0.x drops when a {@code WebClient} exchange is cancelled while its
     * response is being delivered (spring-projects/spring-framework#37204, fix pending in #37205). Spring's
     * connector has then released the body ("released already due to cancellation"); the exchange
     * handler's subscription fails, {@code exchangeToMono} subscribes to the body again to release it, and
     * Reactor Netty's rejection of that second receiver reaches Reactor's dropped-error hook. The client
     * cancels exchanges by design (a response that arrived elsewhere, a timeout, {@code close()}, a new
     * session stopping the background GET), so in a test this shows up when such a cancel meets a
     * response in flight. A {@link Watchdog} sets aside exactly this when told so with
     * {@link Watchdog#toleratingDropped(Predicate)}.
     */
    public static final Predicate<Throwable> SPRING_CANCEL_RACE = KnownUpstreamIssues::isSpringCancelRace;

    static boolean isSpringCancelRace(Throwable e) {
        if (!(e instanceof IllegalStateException) || e.getMessage() == null) {
            return false;
        }
        boolean rejectedSecondReceiver = e.getMessage().startsWith("Rejecting additional inbound receiver")
                && Arrays.stream(e.getStackTrace()).anyMatch(f -> "reactor.netty.channel.FluxReceive".equals(f.getClassName()));
        boolean releasedBody = e.getMessage().equals("The client response body has been released already due to cancellation.")
                && Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(
                        "org.springframework.http.client.reactive.ReactorClientHttpResponse"));
        return rejectedSecondReceiver || releasedBody;
    }
}

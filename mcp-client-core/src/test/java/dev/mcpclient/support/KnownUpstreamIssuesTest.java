package dev.mcpclient.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The filter of known upstream dropped errors sets aside exactly Spring's cancel race, nothing else. */
class KnownUpstreamIssuesTest {

    private static IllegalStateException thrownAt(String message, String className) {
        IllegalStateException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "startReceiver", "X.java", 1)});
        return e;
    }

    @Test
    void recognizesOnlyTheSpringCancelRace() {
        assertThat(KnownUpstreamIssues.isSpringCancelRace(thrownAt(
                "Rejecting additional inbound receiver. State=[terminated=false, cancelled=true, pending=0, error=false]",
                "reactor.netty.channel.FluxReceive"))).isTrue();
        assertThat(KnownUpstreamIssues.isSpringCancelRace(thrownAt(
                "The client response body has been released already due to cancellation.",
                "org.springframework.http.client.reactive.ReactorClientHttpResponse"))).isTrue();

        assertThat(KnownUpstreamIssues.isSpringCancelRace(thrownAt(
                "Rejecting additional inbound receiver.", "dev.mcpclient.Somewhere"))).isFalse();
        assertThat(KnownUpstreamIssues.isSpringCancelRace(thrownAt(
                "something else", "reactor.netty.channel.FluxReceive"))).isFalse();
        assertThat(KnownUpstreamIssues.isSpringCancelRace(new IllegalArgumentException(
                "Rejecting additional inbound receiver."))).isFalse();
        assertThat(KnownUpstreamIssues.isSpringCancelRace(new IllegalStateException((String) null))).isFalse();
    }
}

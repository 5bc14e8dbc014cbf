package dev.mcpclient.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The watchdog fails exactly the tests that leave something behind: each specimen below is run on
 * its own by the JUnit launcher, and its outcome checked.
 */
class WatchdogTest {

    /** Set while this test runs the specimens: run any other way (a whole-folder run in an IDE), they do nothing. */
    private static volatile boolean launched;

    @Test
    void failsATestThatLeftAWarningItDidNotExpect() {
        assertThat(failureOf(Strict.class, "warns")).hasMessageContaining("the test did not expect")
                .hasMessageContaining("WARN dev.mcpclient.somewhere").hasMessageContaining("a warning nobody expected");
    }

    @Test
    void failsATestThatLeftAnErrorReactorDropped() {
        assertThat(failureOf(Strict.class, "dropsAnError")).hasMessageContaining("errors nobody observed")
                .hasMessageContaining("lost on the way");
    }

    @Test
    void failsATestThatLeftALeakReportEvenIfItTookTheLines() {
        assertThat(failureOf(Strict.class, "leaksAndTakesTheLines")).hasMessageContaining("Netty leak reports")
                .hasMessageContaining("LEAK: ByteBuf.release() was not called");
    }

    @Test
    void passesWhatTheTestExpectedOrTookAndWhatTheClassTolerates() {
        assertThat(failureOf(Strict.class, "expectsItsWarning")).isNull();
        assertThat(failureOf(Strict.class, "takesItsWarning")).isNull();
        assertThat(failureOf(Tolerant.class, "warnsAndDropsWhatTheClassTolerates")).isNull();
        assertThat(failureOf(Tolerant.class, "dropsAnotherError")).hasMessageContaining("not the known one");
    }

    @Test
    void aLineAfterTheTakenOnesIsStillWatched() {
        assertThat(failureOf(Strict.class, "warnsAgainAfterTakingTheLines")).hasMessageContaining("the second warning")
                .hasMessageNotContaining("the first warning");
    }

    /** Runs one specimen; its failure, or {@code null} if it passed. */
    private static Throwable failureOf(Class<?> specimens, String method) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectMethod(specimens, method)).build(), listener);
        } finally {
            launched = false;
        }
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsStartedCount()).as("specimens run").isEqualTo(1);
        assertThat(summary.getTestsAbortedCount()).as("specimens aborted").isZero();
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        return failures.isEmpty() ? null : failures.get(0).getException();
    }

    private static void warn(String message) {
        LoggerFactory.getLogger("dev.mcpclient.somewhere").warn(message);
    }

    private static void drop(String message) {
        Operators.onErrorDropped(new IllegalStateException(message), Context.empty());
    }

    /** Tests watched with the defaults; not run by Maven (a nested class), nor by anyone but {@link WatchdogTest}. */
    static class Strict {

        @RegisterExtension
        static final Watchdog watchdog = new Watchdog();

        Strict() {
            Assumptions.assumeTrue(launched, "run by WatchdogTest only");
        }

        @Test
        void warns() {
            warn("a warning nobody expected");
        }

        @Test
        void dropsAnError() {
            drop("lost on the way");
        }

        @Test
        void leaksAndTakesTheLines() {
            LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector").error("LEAK: ByteBuf.release() was not called");
            assertThat(watchdog.takeWarnings()).hasSize(1);
        }

        @Test
        void expectsItsWarning() {
            watchdog.expectWarnings("dev.mcpclient", "nobody expected");
            warn("a warning nobody expected");
        }

        @Test
        void takesItsWarning() {
            warn("a warning the test asserts on");
            assertThat(watchdog.takeWarnings()).containsExactly("WARN dev.mcpclient.somewhere: a warning the test asserts on");
        }

        @Test
        void warnsAgainAfterTakingTheLines() {
            warn("the first warning");
            assertThat(watchdog.takeWarnings()).hasSize(1);
            warn("the second warning");
        }
    }

    /** Tests of a class that tolerates one warning and one dropped error. */
    static class Tolerant {

        @RegisterExtension
        static final Watchdog watchdog = new Watchdog()
                .toleratingWarnings("dev.mcpclient.somewhere", "nobody expected")
                .toleratingDropped(e -> "the known one".equals(e.getMessage()));

        Tolerant() {
            Assumptions.assumeTrue(launched, "run by WatchdogTest only");
        }

        @Test
        void warnsAndDropsWhatTheClassTolerates() {
            warn("a warning nobody expected");
            drop("the known one");
        }

        @Test
        void dropsAnotherError() {
            drop("not the known one");
        }
    }
}

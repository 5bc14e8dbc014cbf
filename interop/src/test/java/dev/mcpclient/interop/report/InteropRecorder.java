package dev.mcpclient.interop.report;

import dev.mcpclient.interop.support.NpmPeers;
import dev.mcpclient.schema.McpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records the outcome of every {@link Interop} test against its class's {@link Against} peer, in the era
 * that class proves (its clients are checked to speak it), into
 * {@code target/interop-results.json}, rewritten after each test (one JVM runs the module's tests), from
 * which {@link InteropReport} writes {@code docs/interop.md}.
 */
public final class InteropRecorder implements TestWatcher {

    private static final List<Outcome> OUTCOMES = new ArrayList<>();

    /** Where the results of this run go. */
    public static Path resultsFile() {
        return NpmPeers.moduleDir().resolve("target/interop-results.json");
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, Outcome.PASS, "");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, Outcome.FAIL, String.valueOf(cause.getMessage()).lines().findFirst().orElse(""));
    }

    /** Aborted: a test that met a known gap of its peer or of the client ({@code PeerContract.knownGap}), with its reason. */
    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, Outcome.PENDING, String.valueOf(cause.getMessage()).lines().findFirst().orElse("aborted"));
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, Outcome.PENDING, reason.orElse("disabled"));
    }

    private static void record(ExtensionContext context, String status, String note) {
        Method method = context.getRequiredTestMethod();
        Interop interop = method.getAnnotation(Interop.class);
        Against against = context.getRequiredTestClass().getAnnotation(Against.class);
        if (interop == null || against == null) {
            return;
        }
        record(new Outcome(against.value(), interop.value(), status,
                context.getRequiredTestClass().getSimpleName() + "#" + method.getName(), note,
                against.era().name().toLowerCase(Locale.ROOT), against.protocolVersion()));
    }

    /** Records one outcome (for tests that decide several cells, such as the conformance run). */
    public static synchronized void record(Outcome outcome) {
        OUTCOMES.add(outcome);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("versions", Versions.all());
        results.put("outcomes", OUTCOMES);
        try {
            Files.createDirectories(resultsFile().getParent());
            Files.writeString(resultsFile(), McpJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

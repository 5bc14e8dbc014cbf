package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.interop.report.Outcome;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.NpmPeers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The official conformance suite ({@code @modelcontextprotocol/conformance}) against our conformance
 * client, through {@code interop/conformance.sh}: every client scenario that is not about authorization
 * must pass.
 */
class ConformanceTest {

    private static final Pattern RESULT = Pattern.compile("^\\s+(PASS|FAIL) (\\S+) \\((.*)\\)$");
    private static final Map<String, Feature> SCENARIOS = Map.of(
            "initialize", Feature.CONFORMANCE_INITIALIZE,
            "tools_call", Feature.CONFORMANCE_TOOLS_CALL,
            "elicitation-sep1034-client-defaults", Feature.CONFORMANCE_ELICITATION_DEFAULTS,
            "sse-retry", Feature.CONFORMANCE_SSE_RETRY);

    @Test
    void everyClientScenarioWithoutAuthorizationPasses() throws IOException, InterruptedException {
        NpmPeers.install();
        Path script = NpmPeers.moduleDir().resolve("conformance.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(NpmPeers.moduleDir().toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = NpmPeers.moduleDir().resolve("target/conformance.log");
        Files.createDirectories(log.getParent());
        Process run = builder.redirectOutput(log.toFile()).start();
        boolean ended = run.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);

        Map<String, String> results = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches() && SCENARIOS.containsKey(m.group(2))) {
                results.put(m.group(2), m.group(1));
                Feature feature = SCENARIOS.get(m.group(2));
                String note = m.group(1).equals("PASS") ? "" : m.group(3);
                InteropRecorder.record(new Outcome(Peer.CONFORMANCE, feature,
                        m.group(1).equals("PASS") ? Outcome.PASS : Outcome.FAIL, "conformance.sh " + m.group(2), note));
            }
        }
        assertThat(ended).as("conformance.sh ended within 5 minutes").isTrue();
        assertThat(results).as("scenario results of conformance.sh:\n" + output)
                .containsOnlyKeys(SCENARIOS.keySet())
                .allSatisfy((scenario, result) -> assertThat(result).as(scenario).isEqualTo("PASS"));
        assertThat(run.exitValue()).as("exit code of conformance.sh").isZero();
    }
}

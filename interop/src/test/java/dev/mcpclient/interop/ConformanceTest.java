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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The official conformance suite ({@code @modelcontextprotocol/conformance}) against our conformance
 * client, through {@code interop/conformance.sh}: every client scenario that is neither about
 * authorization nor an extension, plus two scenarios again at the 2026-07-28 spec version
 * ({@code name@version}: {@code --spec-version}), must pass; and, in a second run
 * ({@code conformance.sh --auth}), every authorization scenario at each spec version it lists and the
 * six extension authorization scenarios ({@code auth/client-credentials-basic},
 * {@code auth/client-credentials-jwt}, {@code auth/enterprise-managed-authorization},
 * {@code auth/wif-jwt-bearer}, {@code auth/dpop}, {@code auth/dpop-nonce}) at their default version:
 * 33 scenarios in 50 runs.
 */
class ConformanceTest {

    private static final Pattern RESULT = Pattern.compile("^\\s+(PASS|FAIL) (\\S+) \\((.*)\\)$");
    private static final Pattern CLIENT_FAILURE = Pattern.compile("conformance client: scenario \\S+ failed: (.*)$");
    private static final Pattern FAILED_CHECK = Pattern.compile("^\\s+- ([^:]+): (.*)$");
    private static final Pattern NOT_OBSERVED = Pattern.compile("Declared check (\\S+) was never emitted");

    /** Each run of conformance.sh and its row of the interop table. */
    private static final Map<String, Feature> RUNS = runs();

    private static Map<String, Feature> runs() {
        Map<String, Feature> runs = new LinkedHashMap<>();
        runs.put("initialize", Feature.CONFORMANCE_INITIALIZE);
        runs.put("tools_call", Feature.CONFORMANCE_TOOLS_CALL);
        runs.put("elicitation-sep1034-client-defaults", Feature.CONFORMANCE_ELICITATION_DEFAULTS);
        runs.put("sse-retry", Feature.CONFORMANCE_SSE_RETRY);
        runs.put("request-metadata", Feature.CONFORMANCE_REQUEST_METADATA);
        runs.put("sep-2322-client-request-state", Feature.CONFORMANCE_MRTR_REQUEST_STATE);
        runs.put("http-standard-headers", Feature.CONFORMANCE_HTTP_STANDARD_HEADERS);
        runs.put("http-custom-headers", Feature.CONFORMANCE_HTTP_CUSTOM_HEADERS);
        runs.put("http-invalid-tool-headers", Feature.CONFORMANCE_HTTP_INVALID_TOOL_HEADERS);
        runs.put("json-schema-ref-no-deref", Feature.CONFORMANCE_JSON_SCHEMA_REF_NO_DEREF);
        runs.put("json-schema-2020-12-preservation", Feature.CONFORMANCE_JSON_SCHEMA_PRESERVATION);
        runs.put("tools_call@2026-07-28", Feature.CONFORMANCE_TOOLS_CALL_2026);
        runs.put("json-schema-2020-12-preservation@2026-07-28", Feature.CONFORMANCE_JSON_SCHEMA_PRESERVATION_2026);
        return runs;
    }

    /**
     * The runs of {@code conformance.sh --auth}: each auth scenario at each spec version it lists, the
     * extension scenarios at their default version.
     */
    static final List<String> AUTH_RUNS = authRuns();

    private static List<String> authRuns() {
        List<String> runs = new ArrayList<>();
        for (String scenario : List.of("metadata-default", "metadata-var1", "metadata-var2", "metadata-var3", "basic-cimd",
                "scope-from-www-authenticate", "scope-from-scopes-supported", "scope-omitted-when-undefined",
                "scope-step-up", "scope-retry-limit", "pre-registration")) {
            runs.add("auth/" + scenario + "@2025-11-25");
            runs.add("auth/" + scenario + "@2026-07-28");
        }
        for (String scenario : List.of("token-endpoint-auth-basic", "token-endpoint-auth-post", "token-endpoint-auth-none")) {
            runs.add("auth/" + scenario + "@2025-06-18");
            runs.add("auth/" + scenario + "@2025-11-25");
            runs.add("auth/" + scenario + "@2026-07-28");
        }
        runs.add("auth/2025-03-26-oauth-metadata-backcompat@2025-03-26");
        runs.add("auth/2025-03-26-oauth-endpoint-fallback@2025-03-26");
        for (String scenario : List.of("resource-mismatch", "offline-access-scope", "offline-access-not-supported",
                "authorization-server-migration", "iss-supported", "iss-not-advertised", "iss-supported-missing",
                "iss-wrong-issuer", "iss-unexpected", "iss-normalized", "metadata-issuer-mismatch")) {
            runs.add("auth/" + scenario + "@2026-07-28");
        }
        for (String scenario : List.of("client-credentials-basic", "client-credentials-jwt",
                "enterprise-managed-authorization", "wif-jwt-bearer", "dpop", "dpop-nonce")) {
            runs.add("auth/" + scenario);
        }
        return List.copyOf(runs);
    }

    @Test
    void everyClientScenarioWithoutAuthorizationPasses() throws IOException, InterruptedException {
        // 13 runs, each bounded by the suite's 30 s client timeout.
        Run run = conformance("target/conformance.log", 10);
        String output = run.output();
        boolean ended = run.ended();

        Map<String, String> results = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches() && RUNS.containsKey(m.group(2))) {
                String name = m.group(2);
                boolean passed = m.group(1).equals("PASS");
                results.put(name, m.group(1));
                String status;
                String note;
                if (passed) {
                    status = Outcome.PASS;
                    note = "";
                } else {
                    status = Outcome.FAIL;
                    note = whyItFailed(name, m.group(3));
                }
                InteropRecorder.record(new Outcome(Peer.CONFORMANCE, RUNS.get(name), status, "conformance.sh " + name,
                        note));
            }
        }
        assertThat(ended).as("conformance.sh ended within 10 minutes").isTrue();
        assertThat(results).as("run results of conformance.sh:\n" + output).containsOnlyKeys(RUNS.keySet());
        assertThat(results).as("runs of conformance.sh:\n" + output)
                .allSatisfy((name, result) -> assertThat(result).as(name).isEqualTo("PASS"));
        assertThat(run.exitValue()).as("exit code of conformance.sh").isZero();
    }

    @Test
    void everyAuthorizationScenarioPasses() throws IOException, InterruptedException {
        // 50 runs (33 scenarios), each bounded by the suite's 30 s client timeout (a run takes a few seconds).
        Run run = conformance("target/conformance-auth.log", 25, "--auth");
        String output = run.output();
        Map<String, String> results = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches() && AUTH_RUNS.contains(m.group(2))) {
                results.put(m.group(2), m.group(1));
                if (!m.group(1).equals("PASS")) {
                    failures.add(m.group(2) + ": " + whyItFailed(m.group(2), m.group(3)));
                }
            }
        }
        boolean complete = run.ended() && results.keySet().containsAll(AUTH_RUNS);
        InteropRecorder.record(new Outcome(Peer.CONFORMANCE, Feature.CONFORMANCE_AUTH,
                complete && failures.isEmpty() ? Outcome.PASS : Outcome.FAIL, "conformance.sh --auth",
                complete ? String.join("; ", failures) : "only " + results.size() + " of " + AUTH_RUNS.size() + " runs ended"));
        assertThat(run.ended()).as("conformance.sh --auth ended within 25 minutes").isTrue();
        assertThat(results).as("run results of conformance.sh --auth:\n" + output).containsOnlyKeys(AUTH_RUNS);
        assertThat(failures).as("failed runs of conformance.sh --auth:\n" + output).isEmpty();
        assertThat(run.exitValue()).as("exit code of conformance.sh --auth").isZero();
    }

    /** What a run of conformance.sh printed, whether it ended in time, and its exit code. */
    private record Run(String output, boolean ended, Process process) {
        int exitValue() {
            return process.exitValue();
        }
    }

    private static Run conformance(String logFile, int minutes, String... args) throws IOException, InterruptedException {
        NpmPeers.install();
        Path script = NpmPeers.moduleDir().resolve("conformance.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(NpmPeers.moduleDir().toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = NpmPeers.moduleDir().resolve(logFile);
        Files.createDirectories(log.getParent());
        Process run = builder.redirectOutput(log.toFile()).start();
        boolean ended = run.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(output, ended, run);
    }

    /** The suite's count of checks, the client's own error and the names of the failed checks of a run. */
    private static String whyItFailed(String name, String summary) throws IOException {
        List<String> parts = new ArrayList<>();
        parts.add(summary.replaceAll(";? ?see \\S+$", ""));
        Path log = NpmPeers.moduleDir().resolve("target/conformance/" + name.replace('/', '_') + ".log");
        if (Files.exists(log)) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.stream().map(CLIENT_FAILURE::matcher).filter(Matcher::find).findFirst()
                    .ifPresent(m -> parts.add("the client: " + m.group(1)));
            List<String> checks = new ArrayList<>();
            boolean inFailedChecks = false;
            for (String line : lines) {
                if (line.startsWith("Failed Checks:")) {
                    inFailedChecks = true;
                } else if (inFailedChecks) {
                    Matcher m = FAILED_CHECK.matcher(line);
                    if (m.matches()) {
                        Matcher unseen = NOT_OBSERVED.matcher(m.group(2));
                        String check = unseen.matches() ? unseen.group(1) + " (not observed)" : m.group(1);
                        if (!checks.contains(check)) {
                            checks.add(check);
                        }
                    } else if (!line.startsWith("    ")) {
                        inFailedChecks = false;
                    }
                }
            }
            if (!checks.isEmpty()) {
                parts.add("failed checks: " + String.join(", ", checks));
            }
        }
        return String.join("; ", parts);
    }
}

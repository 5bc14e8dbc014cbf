#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in package.json)
# against our conformance client (dev.mcpclient.interop.ConformanceClient), one scenario at a time:
# every client scenario that is neither about authorization nor an extension (the default), or every
# authorization scenario (--auth). Exits 0 only when every run passes.
#
#   interop/conformance.sh [run...]      (default: the 11 scenarios and two extra spec-version runs)
#   interop/conformance.sh --auth        (every auth/* scenario at each spec version it lists, and the
#                                         six extension auth scenarios at their default version: 50 runs)
#
# A run is a scenario name, which the suite runs at the spec version it infers for it (the scenario's
# own version when it exists only in the 2026-07-28 draft, otherwise 2025-11-25), or name@version,
# which runs it with --spec-version version (e.g. tools_call@2026-07-28).
#
# Needs the module built first (target/classes and target/conformance-classpath.txt), e.g.
#   ./mvnw -B -q -pl interop -am package -DskipTests
# JAVA (or JAVA_HOME) chooses the JVM that runs the client; results go to target/conformance/.
set -uo pipefail
cd "$(dirname "$0")"
here="$(pwd)"

runs=("$@")
if [[ ${#runs[@]} -eq 1 && "${runs[0]}" == "--auth" ]]; then
    runs=()
    for scenario in metadata-default metadata-var1 metadata-var2 metadata-var3 basic-cimd scope-from-www-authenticate \
        scope-from-scopes-supported scope-omitted-when-undefined scope-step-up scope-retry-limit pre-registration; do
        runs+=("auth/$scenario@2025-11-25" "auth/$scenario@2026-07-28")
    done
    for scenario in token-endpoint-auth-basic token-endpoint-auth-post token-endpoint-auth-none; do
        runs+=("auth/$scenario@2025-06-18" "auth/$scenario@2025-11-25" "auth/$scenario@2026-07-28")
    done
    runs+=(auth/2025-03-26-oauth-metadata-backcompat@2025-03-26 auth/2025-03-26-oauth-endpoint-fallback@2025-03-26)
    for scenario in resource-mismatch offline-access-scope offline-access-not-supported authorization-server-migration \
        iss-supported iss-not-advertised iss-supported-missing iss-wrong-issuer iss-unexpected iss-normalized \
        metadata-issuer-mismatch; do
        runs+=("auth/$scenario@2026-07-28")
    done
    # Extension scenarios (no spec timeline): each at the suite's default version, 2025-11-25.
    runs+=(auth/client-credentials-basic auth/client-credentials-jwt auth/enterprise-managed-authorization
        auth/wif-jwt-bearer auth/dpop auth/dpop-nonce)
elif [[ ${#runs[@]} -eq 0 ]]; then
    runs=(initialize tools_call elicitation-sep1034-client-defaults sse-retry
        request-metadata sep-2322-client-request-state http-standard-headers http-custom-headers
        http-invalid-tool-headers json-schema-ref-no-deref json-schema-2020-12-preservation
        tools_call@2026-07-28 json-schema-2020-12-preservation@2026-07-28)
fi

if [[ ! -d target/classes || ! -f target/conformance-classpath.txt ]]; then
    echo "conformance.sh: build the module first: ./mvnw -B -q -pl interop -am package -DskipTests" >&2
    exit 2
fi
./npm-install.sh || exit 2

java="${JAVA:-}"
if [[ -z "$java" ]]; then
    if [[ -n "${JAVA_HOME:-}" ]]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi
fi

out="$here/target/conformance"
rm -rf "$out"
mkdir -p "$out"
# The suite splits --command on spaces: a launcher script keeps the class path out of it.
launcher="$out/client.sh"
cat > "$launcher" <<LAUNCH
#!/usr/bin/env bash
exec "$java" -cp "$here/target/classes:$(cat target/conformance-classpath.txt)" dev.mcpclient.interop.ConformanceClient "\$@"
LAUNCH
chmod +x "$launcher"

node="$here/node_modules/.bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"
failed=0
passed=0
summary=()
for run in "${runs[@]}"; do
    scenario="${run%@*}"
    version=()
    if [[ "$run" == *@* ]]; then
        version=(--spec-version "${run#*@}")
    fi
    log="$out/${run//\//_}.log"
    echo "conformance.sh: scenario $run"
    "$node" "$suite" client --command "$launcher" --scenario "$scenario" "${version[@]}" --timeout 30000 \
        -o "$out/results" >"$log" 2>&1
    status=$?
    checks="$(grep -E '^Passed: ' "$log" | tail -1)"
    if [[ $status -eq 0 ]] && grep -q 'OVERALL: PASSED' "$log"; then
        passed=$((passed + 1))
        summary+=("PASS $run ($checks)")
    else
        failed=$((failed + 1))
        summary+=("FAIL $run (exit $status; ${checks:-no checks}; see $log)")
        sed -e 's/^/    /' "$log"
    fi
done

echo "conformance.sh: results"
for line in "${summary[@]}"; do echo "  $line"; done
echo "conformance.sh: $passed of ${#runs[@]} runs passed"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in package.json)
# against our conformance client (dev.mcpclient.interop.ConformanceClient), one scenario at a time:
# every client scenario that is not about authorization. Exits 0 only when every scenario passes.
#
#   interop/conformance.sh [scenario...]      (default: all four)
#
# Needs the module built first (target/classes and target/conformance-classpath.txt), e.g.
#   ./mvnw -B -q -pl interop -am package -DskipTests
# JAVA (or JAVA_HOME) chooses the JVM that runs the client; results go to target/conformance/.
set -uo pipefail
cd "$(dirname "$0")"
here="$(pwd)"

scenarios=("$@")
if [[ ${#scenarios[@]} -eq 0 ]]; then
    scenarios=(initialize tools_call elicitation-sep1034-client-defaults sse-retry)
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
for scenario in "${scenarios[@]}"; do
    log="$out/$scenario.log"
    echo "conformance.sh: scenario $scenario"
    "$node" "$suite" client --command "$launcher" --scenario "$scenario" --timeout 30000 \
        -o "$out/results" >"$log" 2>&1
    status=$?
    checks="$(grep -E '^Passed: ' "$log" | tail -1)"
    if [[ $status -eq 0 ]] && grep -q 'OVERALL: PASSED' "$log"; then
        passed=$((passed + 1))
        summary+=("PASS $scenario ($checks)")
    else
        failed=$((failed + 1))
        summary+=("FAIL $scenario (exit $status; ${checks:-no checks}; see $log)")
        sed -e 's/^/    /' "$log"
    fi
done

echo "conformance.sh: results"
for line in "${summary[@]}"; do echo "  $line"; done
echo "conformance.sh: $passed of ${#scenarios[@]} scenarios passed"
[[ $failed -eq 0 ]]

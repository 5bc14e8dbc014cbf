#!/usr/bin/env bash
# Installs the pinned npm peers (package.json + package-lock.json) into interop/node_modules with `npm ci`.
# Idempotent: does nothing when node_modules already holds exactly what the lock file names.
# The node@22 package brings a Node 22 binary (node_modules/.bin/node): the conformance suite needs it.
# Needs Node.js 20 or newer with npm to install; a missing or older one ends it with one sentence (exit 1).
#   npm-install.sh --check    only that check (the interop module's build runs it first, in validate)
set -euo pipefail
cd "$(dirname "$0")"
check_only=false
[[ "${1:-}" == "--check" ]] && check_only=true

stamp=node_modules/.interop-installed
if [[ -f "$stamp" && -x node_modules/.bin/node ]] && cmp -s package-lock.json "$stamp"; then
    exit 0
fi

found="no node"
major=0
if command -v node >/dev/null 2>&1; then
    found="node $(node --version 2>/dev/null || echo '(does not run)')"
    major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
fi
if command -v npm >/dev/null 2>&1; then found="$found, npm"; else found="$found, no npm"; fi
if [[ "$major" -lt 20 ]] || ! command -v npm >/dev/null 2>&1; then
    echo "npm-install.sh: the interop tests need Node.js 20 or newer with npm on the PATH (found: $found):" \
        "install it from https://nodejs.org (or with a version manager such as nvm), or build without them" \
        "with ./mvnw -B verify -pl '!interop'." >&2
    exit 1
fi
$check_only && exit 0

echo "npm-install.sh: npm ci in $(pwd)"
npm ci --no-audit --no-fund --loglevel=error
node_modules/.bin/node --version >/dev/null
cp package-lock.json "$stamp"

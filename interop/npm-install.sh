#!/usr/bin/env bash
# Installs the pinned npm peers (package.json + package-lock.json) into interop/node_modules with `npm ci`.
# Idempotent: does nothing when node_modules already holds exactly what the lock file names.
# The node@22 package brings a Node 22 binary (node_modules/.bin/node): the conformance suite needs it.
set -euo pipefail
cd "$(dirname "$0")"

stamp=node_modules/.interop-installed
if [[ -f "$stamp" && -x node_modules/.bin/node ]] && cmp -s package-lock.json "$stamp"; then
    exit 0
fi
command -v npm >/dev/null || { echo "npm-install.sh: npm is required (Node.js 20 or newer)" >&2; exit 1; }
echo "npm-install.sh: npm ci in $(pwd)"
npm ci --no-audit --no-fund --loglevel=error
node_modules/.bin/node --version >/dev/null
cp package-lock.json "$stamp"

#!/usr/bin/env bash
# All tests on a fresh machine: Debian packages, Node 24, dependencies, build, then `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
npm test

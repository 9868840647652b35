#!/usr/bin/env bash
# All tests on a fresh machine: Debian packages, dependencies, build, then `npm test`. Any Node
# will do to start it: the npm scripts bring Node 24 themselves when the machine's is older.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
npm test

#!/usr/bin/env bash
# The main job on a fresh machine: install, build the extension, start the companion proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
echo
echo "Extension built: $(pwd)/.output/chrome-mv3 (Firefox: npm run build:firefox)."
echo "Load it unpacked (chrome://extensions, Developer mode), open its options, and paste the pairing token printed below."
echo "Starting the companion proxy (Ctrl+C to stop)..."
echo
exec node --disable-warning=ExperimentalWarning backend-proxy/dist/cli.mjs "$@"

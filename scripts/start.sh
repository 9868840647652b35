#!/usr/bin/env bash
# The main job on a fresh machine: install, build the extension, start the companion proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
echo
echo "Extension built: $(pwd)/.output/chrome-mv3 (Firefox: .output/firefox-mv3; zips in .output/)."
echo "Load it unpacked (chrome://extensions, Developer mode); its options page opens: press"
echo "\"Pair with the proxy on this computer\" there and type the code the proxy shows below."
echo
# --max-semi-space-size: the proxy's young generation capped (backend-proxy/src/node-flags.ts).
exec node --disable-warning=ExperimentalWarning --max-semi-space-size=16 backend-proxy/dist/cli.mjs "$@"

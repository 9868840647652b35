#!/usr/bin/env bash
# Runs a command with the project's Node (>= 22) first on PATH, whatever Node the shell has:
#   bash scripts/with-node.sh vitest run
# Every npm script goes through it, so `npm test`, `npm run proxy`... work from a plain shell on
# a machine whose own Node is older (Debian 12's is 20). See ensure-node.sh.
set -euo pipefail
# shellcheck source=ensure-node.sh
source "$(dirname "${BASH_SOURCE[0]}")/ensure-node.sh"
exec "$@"

#!/usr/bin/env bash
# Installs what `npm run bench` compares the proxy with, only if missing; safe to re-run.
# Not part of the test set-up (scripts/install-test-deps.sh) nor of CI: the bench is never a test.
#   isync   mbsync, the IMAP-to-IMAP reference the copy bench measures the proxy against
set -euo pipefail

packages=(isync)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-bench-deps: all present (${packages[*]})"
  exit 0
fi

run_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    run_root=(sudo)
  else
    echo "install-bench-deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
fi
apt_get() {
  "${run_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

echo "install-bench-deps: installing ${missing[*]}"
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then apt_get update; fi
if ! apt_get install -y --no-install-recommends "${missing[@]}"; then
  # Stale package lists: refresh once and retry.
  apt_get update
  apt_get install -y --no-install-recommends "${missing[@]}"
fi
echo "install-bench-deps: done"

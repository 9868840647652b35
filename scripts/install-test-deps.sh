#!/usr/bin/env bash
# Installs the Debian packages the real-server tests use, only those missing; safe to re-run.
#   dovecot-imapd  throwaway IMAP servers (tests/fixtures/dovecot.ts)
#   openssl        self-signed certificates for the TLS tests
#   util-linux     setpriv, which ties each Dovecot's life to its test process
#   chromium       the extension's browser tests (driven by playwright-core, never downloaded)
#   chromium-l10n  Chromium's other UI languages: without it the extension is English only
#                  (browser.i18n follows the UI language), and the French tests cannot run
#   firefox-esr    the Firefox smoke test (tests/firefox/, driven by puppeteer-core over
#                  WebDriver BiDi: no geckodriver, nothing downloaded)
set -euo pipefail

packages=(dovecot-imapd openssl util-linux chromium chromium-l10n firefox-esr)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-deps: all present (${packages[*]})"
  exit 0
fi

run_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    run_root=(sudo)
  else
    echo "install-test-deps: missing ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
fi

apt_get() {
  # sudo resets the environment, so the variable goes on its command line.
  "${run_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

# A fresh image has no package lists; otherwise try the lists we have before refreshing them.
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  apt_get update
  updated=1
else
  updated=0
fi

echo "install-test-deps: installing ${missing[*]}"
# No recommends for the servers (the package's own dovecot service is not used); Chromium keeps
# its recommended fonts so that screenshots show text.
server_packages=()
browser_packages=()
for package in "${missing[@]}"; do
  case "$package" in
    chromium | chromium-l10n) browser_packages+=("$package") ;;
    *) server_packages+=("$package") ;;
  esac
done

install() {
  if [ "${#server_packages[@]}" -gt 0 ]; then
    apt_get install -y --no-install-recommends "${server_packages[@]}" || return 1
  fi
  if [ "${#browser_packages[@]}" -gt 0 ]; then
    apt_get install -y "${browser_packages[@]}" || return 1
  fi
}

if ! install; then
  if [ "$updated" -eq 1 ]; then exit 1; fi
  # Stale lists (packages moved on): refresh once and retry.
  apt_get update
  install
fi
echo "install-test-deps: done"

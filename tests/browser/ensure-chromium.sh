#!/usr/bin/env bash
# Make sure Debian's Chromium and a Chinese font are installed for the browser journeys
# (tests/browser/). Quick when they are: one dpkg query. Nothing downloads a browser build
# (no `playwright install`): Playwright drives /usr/bin/chromium.
set -euo pipefail
PACKAGES=(chromium fonts-noto-cjk)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "browser tests need: apt-get install ${missing[*]} (no root here: they will be skipped)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "browser tests need Chromium and fonts-noto-cjk; install them with your package manager" >&2
  exit 0
fi
echo "installing ${missing[*]} for the browser tests"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

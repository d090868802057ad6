#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the console's end-to-end test. The browser comes
# from the distribution's packages, never from a download of its own (no `playwright install`).
# Prints the browser's path; exits 0 without one when it cannot be installed (not root, no apt),
# so the end-to-end test can say it was skipped rather than fail the whole build.
set -euo pipefail
for candidate in "${STRAIT_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [[ -n "$candidate" && -x "$candidate" ]]; then
    echo "$candidate"
    exit 0
  fi
done
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  {
    apt-get update -q || true
    apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
  } >&2
  if [[ -x /usr/bin/chromium ]]; then
    echo /usr/bin/chromium
    exit 0
  fi
fi
echo "chromium is not installed and cannot be installed here (needs root and apt-get)" >&2
exit 0

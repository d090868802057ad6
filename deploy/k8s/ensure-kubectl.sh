#!/usr/bin/env bash
# Makes sure a kubectl is installed for the manifests' test: Debian's kubernetes-client, from the
# distribution's packages. Prints its path; exits non-zero when there is none and it cannot be
# installed (not root, no apt-get), so the test fails with that reason.
set -euo pipefail
if command -v kubectl >/dev/null 2>&1; then
  command -v kubectl
  exit 0
fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q || true; apt-get install -y -q --no-install-recommends kubernetes-client; } >&2
  command -v kubectl && exit 0
fi
echo "kubectl is not installed and cannot be installed here (needs root and apt-get): install kubernetes-client" >&2
exit 1

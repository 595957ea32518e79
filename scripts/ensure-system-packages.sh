#!/usr/bin/env bash
# pretest: installs the Debian packages the test suites drive for real (a browser, a
# PostgreSQL server, an OCI registry) when they are missing. Needs root on a fresh machine.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
for tool in curl openssl setsid; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$([ "$tool" = setsid ] && echo util-linux || echo "$tool")")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing system packages for the tests: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root, or install them yourself: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null

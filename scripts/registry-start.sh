#!/bin/sh
# Start a throwaway OCI registry (Debian's docker-registry = CNCF distribution 2.8) in the background.
# Usage: scripts/registry-start.sh PORT DIR [HTPASSWD_FILE]
#   DIR gets config.yml, data/ (blob storage), registry.log and registry.pid.
#   With HTPASSWD_FILE (bcrypt entries, see scripts/registry-htpasswd.mjs) every request needs basic auth.
# Stop with scripts/registry-stop.sh DIR.
set -eu
PORT=${1:?usage: registry-start.sh PORT DIR [HTPASSWD_FILE]}
DIR=${2:?usage: registry-start.sh PORT DIR [HTPASSWD_FILE]}
HTPASSWD=${3:-}
command -v docker-registry >/dev/null || { echo "docker-registry not found: apt-get install -y docker-registry" >&2; exit 1; }

mkdir -p "$DIR/data"
DIR=$(cd "$DIR" && pwd)
{
  echo "version: 0.1"
  echo "log: { level: warn, accesslog: { disabled: true } }"
  echo "storage:"
  echo "  filesystem: { rootdirectory: $DIR/data }"
  echo "  delete: { enabled: true }"
  echo "http: { addr: 127.0.0.1:$PORT, secret: mesh-console-local }"
  if [ -n "$HTPASSWD" ]; then
    echo "auth:"
    echo "  htpasswd: { realm: mesh-console-test, path: $(cd "$(dirname "$HTPASSWD")" && pwd)/$(basename "$HTPASSWD") }"
  fi
} > "$DIR/config.yml"

# setsid: own process group, so the registry outlives this script and is not hit by the caller's signals.
setsid docker-registry serve "$DIR/config.yml" > "$DIR/registry.log" 2>&1 < /dev/null &
echo $! > "$DIR/registry.pid"

# Ready when /v2/ answers 200 (open) or 401 (auth); give up after ~10 s.
i=0
while [ $i -lt 100 ]; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/v2/" || true)
  if [ "$code" = 200 ] || [ "$code" = 401 ]; then echo "registry on http://127.0.0.1:$PORT (pid $(cat "$DIR/registry.pid"))"; exit 0; fi
  if ! kill -0 "$(cat "$DIR/registry.pid")" 2>/dev/null; then echo "registry exited:" >&2; cat "$DIR/registry.log" >&2; exit 1; fi
  sleep 0.1
  i=$((i + 1))
done
echo "registry did not become ready on port $PORT:" >&2
cat "$DIR/registry.log" >&2
kill "$(cat "$DIR/registry.pid")" 2>/dev/null || true
exit 1

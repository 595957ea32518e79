#!/bin/sh
# Stop a registry started by scripts/registry-start.sh. Usage: scripts/registry-stop.sh DIR
set -eu
DIR=${1:?usage: registry-stop.sh DIR}
[ -f "$DIR/registry.pid" ] || exit 0
PID=$(cat "$DIR/registry.pid")
kill "$PID" 2>/dev/null || true
# Wait (up to ~5 s) so the port is free when we return.
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -9 "$PID" 2>/dev/null || true
rm -f "$DIR/registry.pid"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and starts kaiwa-server on http://localhost:8000/chat/,
# plus the desktop client when a display is available (it reopens the rooms you had open on that server,
# or asks for one). Ctrl+C stops both.
#   scripts/run.sh [kaiwa-server options...]     e.g. scripts/run.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default --parallel "$(nproc)"

build/bin/kaiwa-server "$@" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT INT TERM

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x build/bin/kaiwa ]]; then
    port=8000
    args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
        [[ "${args[i]}" == "--port" ]] && port="${args[i + 1]}"
    done
    build/bin/kaiwa --server "http://localhost:${port}" &
fi
wait "$server"

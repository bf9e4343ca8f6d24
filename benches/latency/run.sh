#!/usr/bin/env bash
# Real-terminal keystroke latency of the release binary in tmux; see run.py for what it prints.
# Usage: benches/latency/run.sh [SIZES...]   (after `cargo build --release`; not in cargo test)
set -euo pipefail
command -v tmux >/dev/null || { echo "latency: tmux is not installed" >&2; exit 2; }
cd "$(dirname "$0")/../.."
exec python3 benches/latency/run.py "$@"

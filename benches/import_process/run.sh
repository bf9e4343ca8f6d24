#!/usr/bin/env bash
# Whole-process import of a `jejaring gen` export against a Python executemany peer; see run.py.
# Usage: benches/import_process/run.sh [RECORDS] [IMPORT FLAGS...]   (after cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec python3 benches/import_process/run.py "$@"

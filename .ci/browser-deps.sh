#!/usr/bin/env bash
# Installs what the browser tests (internal/build, internal/serve and
# internal/geo, files browser*_test.go) need, and does nothing that is
# already done:
#   - Debian's chromium, when no chromium is on PATH, and a Java runtime for
#     the Nu HTML Checker, when no java is on PATH (both need root and apt);
#   - the npm packages axe-core (accessibility rules, injected into pages) and
#     vnu-jar (the Nu HTML Checker), at the exact versions below, into the
#     git-ignored folder .cache/browser/.
# It prints where each tool is. The tests find them there by themselves; the
# environment variables DOSSIER_AXE and DOSSIER_VNU point them elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.14.1
VNU_VERSION=26.9.27
CACHE=.cache/browser

chromium_path() {
  command -v chromium || command -v chromium-browser || command -v google-chrome || true
}

# apt_install PACKAGE… installs Debian packages, updating the lists first.
apt_install() {
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

missing=()
[ -n "$(chromium_path)" ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser-deps: installing ${missing[*]} with apt-get"
  apt_install "${missing[@]}"
fi

# installed NAME prints the version of the npm package NAME in the cache, if any.
installed() {
  local pkg="$CACHE/node_modules/$1/package.json"
  [ -f "$pkg" ] && node -p "require('./$pkg').version" 2>/dev/null || true
}

if [ "$(installed axe-core)" != "$AXE_VERSION" ] || [ "$(installed vnu-jar)" != "$VNU_VERSION" ]; then
  echo "browser-deps: installing axe-core@$AXE_VERSION and vnu-jar@$VNU_VERSION into $CACHE"
  mkdir -p "$CACHE"
  # A package.json of its own keeps npm from looking for one in a parent folder.
  [ -f "$CACHE/package.json" ] || echo '{"private": true}' >"$CACHE/package.json"
  npm install --prefix "$CACHE" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "axe-core@$AXE_VERSION" "vnu-jar@$VNU_VERSION"
fi

axe="$PWD/$CACHE/node_modules/axe-core/axe.min.js"
vnu="$PWD/$CACHE/node_modules/vnu-jar/build/dist/vnu.jar"
for f in "$axe" "$vnu"; do
  [ -s "$f" ] || { echo "browser-deps: missing $f after install" >&2; exit 1; }
done

echo "chromium: $(chromium_path) ($("$(chromium_path)" --version 2>/dev/null | head -1))"
echo "java:     $(command -v java)"
echo "axe-core: $axe"
echo "vnu-jar:  $vnu"

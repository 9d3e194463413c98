#!/usr/bin/env bash
# Vendors plotly.js for the kit's interactive plots: `npm pack` of the pinned plotly.js-dist-min into
# .cache/plotly/<version>/plotly.min.js, once (a rerun with the file present returns at once). The build copies
# it next to the kit's assembly; nothing is fetched at run time. Without npm, or offline, it warns and exits 0:
# plots then fall back to static PNGs and say so.
#   environment/fetch-plotly.sh [VERSION] [--quiet]   prints the path of plotly.min.js when it is present
#   DINO_NPM=/path/to/npm                              the npm to run (default: npm on PATH)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=4.1.2
integrity='sha512-VSmS9KVNun16S8qFYYp9LlL/XBby4ueeGqB+K9AqRCVsup8dSpGULap4UyR1f2mz4pV3qjWp1sR5chwLgIKPoQ=='
quiet=0
for arg in "$@"; do
    case "$arg" in
        --quiet) quiet=1 ;;
        *) [ "$arg" != "$version" ] && { echo "fetch-plotly: pinned to $version; update version and integrity together" >&2; exit 2; } ;;
    esac
done
dest="$root/.cache/plotly/$version"
file="$dest/plotly.min.js"
warn() { echo "fetch-plotly: warning: $* — plots will be static PNGs" >&2; exit 0; }

if [ -s "$file" ]; then
    [ "$quiet" = 1 ] || echo "$file"
    exit 0
fi
npm="${DINO_NPM:-npm}"
command -v "$npm" >/dev/null 2>&1 || warn "npm is not installed"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# npm checks the tarball against the registry's integrity; the pinned value guards against a changed release.
got="$(cd "$tmp" && timeout 300 "$npm" pack --json --loglevel=error "plotly.js-dist-min@$version" 2>"$tmp/npm.log" | sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p' | head -n 1)" \
    || warn "npm pack plotly.js-dist-min@$version failed: $(tail -n 3 "$tmp/npm.log" 2>/dev/null)"
[ "$got" = "$integrity" ] || warn "plotly.js-dist-min@$version has integrity '$got', expected '$integrity'"
tar -xzf "$tmp"/plotly.js-dist-min-"$version".tgz -C "$tmp" package/plotly.min.js || warn "the package holds no plotly.min.js"
mkdir -p "$dest"
# npm pack stamps every file 1985-10-26; a fresh time lets the build's copy-if-newer see a new version.
touch "$tmp/package/plotly.min.js"
mv "$tmp/package/plotly.min.js" "$file.partial" && mv "$file.partial" "$file"
[ "$quiet" = 1 ] || echo "$file"

#!/usr/bin/env bash
# Sets up a Debian machine for Dino.Repro: the system packages the kit still needs from Debian. The tensor engine
# (TorchSharp + libtorch 2.10) and OpenCV (OpenCvSharp4 + its runtime) come from NuGet with `dotnet build`.
# Idempotent: a rerun with nothing missing takes a second or two. Runs as root, or through sudo.
#   --packages-only   install the system packages and stop (environment/image.sh, in the devcontainer images)
#   --bench           also install python3-torch, the PyTorch peer of bench/ (not needed by the kit or its tests)
set -euo pipefail
packages_only=0
bench=0
for arg in "$@"; do
    case "$arg" in
        --packages-only) packages_only=1 ;;
        --bench) bench=1 ;;
        *) echo "setup: unknown option '$arg' (--packages-only, --bench)" >&2; exit 2 ;;
    esac
done

# shellcheck source=environment/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"
packages=("${dino_packages[@]}")
[ "$bench" = 1 ] && packages+=("${dino_bench_packages[@]}")
# Any npm on PATH will do (e.g. one from nvm), so Debian's is added only when there is none.
command -v npm >/dev/null 2>&1 || packages+=("${dino_npm_packages[@]}")

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "setup: run as root or install sudo" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    # Ubuntu 24.04 renamed some libraries (libgtk-3-0 → libgtk-3-0t64, which provides the old name).
    dpkg-query -W -f='${Status}' "$p" "${p}t64" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]} with apt (a minute or two on a fresh machine)"
    echo "setup: apt-get update"
    "${sudo[@]}" apt-get update -qq
    # One line per package as apt sets it up (its dependencies included), so a long install shows it is moving; apt's
    # own output is kept and shown only if it fails.
    apt_log="$(mktemp)"
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" 2>&1 \
        | tee "$apt_log" | awk '/^Setting up / { print "setup:   set up " $3; fflush() }'; then
        cat "$apt_log" >&2
        rm -f "$apt_log"
        echo "setup: apt-get install failed (above)" >&2
        exit 1
    fi
    rm -f "$apt_log"
fi

if [ "$bench" = 1 ]; then
    blas_link="$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | awk '/^Value:/ {print $2}')"
    if [ -n "$blas_link" ] && [[ "$blas_link" != *openblas* ]]; then
        openblas="$(update-alternatives --list libblas.so.3-x86_64-linux-gnu | grep openblas | head -n 1)"
        [ -n "$openblas" ] && "${sudo[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas"
    fi
fi

if [ "$packages_only" = 1 ]; then
    echo "setup: system packages ready"
    exit 0
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET 10 SDK is required (dotnet not on PATH); install it, then rerun" >&2
    exit 1
fi
# The repository's .NET tools (dotnet-tools.json: CSharpier, which tests/Architecture/SourceFormatTests runs).
echo "setup: restoring the .NET tools of dotnet-tools.json"
(cd "$(dirname "${BASH_SOURCE[0]}")/.." && dotnet tool restore >/dev/null) || { echo "setup: dotnet tool restore failed" >&2; exit 1; }
echo "setup: ready ($(dotnet --version); TorchSharp and OpenCvSharp restore with the first dotnet build)"

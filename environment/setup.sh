#!/usr/bin/env bash
# Sets up a Debian machine for Dino.Repro: system packages, then the native shim (CMake, Release).
# Idempotent: a rerun with nothing missing or changed takes a few seconds. Runs as root, or through sudo.
#   LIBTORCH_DIR=/path/to/libtorch   build against another libtorch (e.g. a CUDA one); libtorch-dev is not installed
#   DINO_USE_PYTHON_TORCH=1          build against the libtorch inside the installed `torch` Python package
#                                    (it must use the C++11 ABI, as the system OpenCV does; CMake checks)
#   --packages-only                  install the system packages and stop (the CUDA image's build step, which
#                                    has no checkout to build the shim in)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages_only=0
[ "${1:-}" = "--packages-only" ] && packages_only=1

# Another libtorch given: Debian's CPU libtorch-dev is not needed (and would only cost 500 MB).
own_libtorch=0
if [ -n "${LIBTORCH_DIR:-}" ] || [ -n "${DINO_USE_PYTHON_TORCH:-}" ]; then own_libtorch=1; fi

packages=(
    libtorch-dev           # the tensor engine (libtorch 1.13, CPU)
    libopenblas0-pthread   # fast BLAS: without it matrix products run ~40x slower
    libopencv-dev          # image/video codecs, resizing, face detection
    opencv-data            # Haar cascades
    ffmpeg                 # audio containers, video muxing
    espeak-ng              # speech for the embedded corpora
    sox                    # audio conversion and checks
    shellcheck             # lints the data-scripts (tests/DataScripts/ShellcheckTests)
    cmake
    g++
)
# npm vendors plotly.js at build time (environment/fetch-plotly.sh); without it every plot is a static PNG.
# Any npm on PATH will do (e.g. one from nvm), so Debian's is added only when there is none.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

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
    [ "$own_libtorch" = 1 ] && [ "$p" = libtorch-dev ] && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's libtorch takes BLAS from the system alternative: make sure it is OpenBLAS, not the reference BLAS.
blas_link="$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | awk '/^Value:/ {print $2}')"
if [ -n "$blas_link" ] && [[ "$blas_link" != *openblas* ]]; then
    openblas="$(update-alternatives --list libblas.so.3-x86_64-linux-gnu | grep openblas | head -n 1)"
    [ -n "$openblas" ] && "${sudo[@]}" update-alternatives --set libblas.so.3-x86_64-linux-gnu "$openblas"
fi

if [ "$packages_only" = 1 ]; then
    echo "setup: system packages ready"
    exit 0
fi

if [ -n "${DINO_USE_PYTHON_TORCH:-}" ] && [ -z "${LIBTORCH_DIR:-}" ] && ! python3 -c 'import torch' >/dev/null 2>&1; then
    echo "setup: DINO_USE_PYTHON_TORCH=1 but python3 cannot import torch; install it or set LIBTORCH_DIR" >&2
    exit 1
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "setup: the .NET 10 SDK is required (dotnet not on PATH); install it, then rerun" >&2
    exit 1
fi

"$root/environment/build-native.sh" --quiet

# Which libtorch the shim linked, read back from CMake's cache; a CUDA build ships libtorch_cuda.so beside
# libtorch.so (whether a GPU is usable is a run-time question: `./dino info`).
libtorch="$(sed -n 's/^TORCH_LIBRARY:FILEPATH=//p' "$root/lib/Native/build/CMakeCache.txt")"
cuda=no
[ -e "$(dirname "$libtorch")/libtorch_cuda.so" ] && cuda=yes
echo "setup: libtorch $libtorch (CUDA build: $cuda)"
echo "setup: ready ($(dotnet --version), native shim at lib/Native/build/libdino_native.so)"

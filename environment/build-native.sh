#!/usr/bin/env bash
# Configures (once) and builds the native shim lib/Native with CMake in Release mode. Incremental:
# with nothing changed it returns in about a second. LIBTORCH_DIR selects another libtorch (e.g. CUDA).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/lib/Native"
build="$src/build"
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1

if ! command -v cmake >/dev/null 2>&1; then
    echo "build-native: cmake is missing; run environment/setup.sh first" >&2
    exit 1
fi

# A torch Python package (CUDA wheel) carries its own libtorch and CMake config.
if [ -z "${LIBTORCH_DIR:-}" ] && [ -n "${DINO_USE_PYTHON_TORCH:-}" ]; then
    LIBTORCH_DIR="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
    export LIBTORCH_DIR
fi

stamp="$build/.libtorch-dir"
wanted="${LIBTORCH_DIR:-system}"
if [ ! -f "$build/CMakeCache.txt" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$build"
    mkdir -p "$build"
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release > "$build/configure.log" 2>&1 || {
        cat "$build/configure.log" >&2
        echo "build-native: CMake could not configure lib/Native (is libtorch-dev installed? run environment/setup.sh)" >&2
        exit 1
    }
    echo "$wanted" > "$stamp"
fi

jobs="$(nproc 2>/dev/null || echo 2)"
if [ "$quiet" = 1 ]; then
    log="$build/build.log"
    cmake --build "$build" --parallel "$jobs" > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
else
    cmake --build "$build" --parallel "$jobs"
fi

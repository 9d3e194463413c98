#!/usr/bin/env bash
# Runs a benchmark suite side by side with PyTorch on this machine and prints, as its last line, one JSON
# object with both sides' figures and their ratios.   bench/run.sh foundation | metrics | dino
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="${1:-foundation}"

"$root/environment/setup.sh" >&2
# The PyTorch peer: Debian's python3-torch is the same libtorch build as the kit's.
if ! /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
    echo "bench: installing python3-torch (the PyTorch side)" >&2
    if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
fi

exec "$root/dino" bench "$suite"

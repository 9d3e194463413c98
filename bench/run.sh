#!/usr/bin/env bash
# Runs a benchmark suite side by side with PyTorch on this machine and prints, as its last line, one JSON
# object with both sides' figures and their ratios.
#   bench/run.sh foundation | metrics | dino | acgan | wav2pix | dino-speech | listen-and-move
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="${1:-foundation}"

# The PyTorch peer: Debian's python3-torch 1.13 (libtorch 1.13), the only PyTorch these machines can install; the
# kit runs TorchSharp 0.107 on libtorch 2.10, so every ratio compares two libtorch versions as well as two front ends.
"$root/environment/setup.sh" --bench >&2

exec "$root/dino" bench "$suite"

#!/usr/bin/env bash
# Builds a devcontainer image's system (run by environment/Dockerfile as root, the repository's environment/ copied to
# /tmp/dino-env): the image's base packages and the kit's from environment/packages.sh, the .NET 10 SDK, and the
# non-root user `dev` (uid 1000, passwordless sudo) the devcontainers run as.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=environment/packages.sh
source "$here/packages.sh"

apt-get update -qq
# ICU and OpenSSL carry their ABI version in the package name; take the one this release has.
resolve() {
    case "$1" in
        libicu) apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1 ;;
        libssl3) if apt-cache show libssl3t64 >/dev/null 2>&1; then echo libssl3t64; else echo libssl3; fi ;;
        *) echo "$1" ;;
    esac
}
base=()
for p in "${dino_image_packages[@]}"; do base+=("$(resolve "$p")"); done
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${base[@]}" >/dev/null

# The .NET 10 SDK through Microsoft's install script; the channel satisfies global.json (10.0.100, latestFeature).
curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --channel 10.0 --quality ga --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet
rm /tmp/dotnet-install.sh
dotnet --version

# The kit's packages, from the same list a machine's set-up uses.
"$here/setup.sh" --packages-only
rm -rf /var/lib/apt/lists/*

# uid 1000, which the devcontainer remaps to the host user's, so files written into the bind-mounted checkout are theirs.
if id -u ubuntu >/dev/null 2>&1; then userdel -r ubuntu; fi
useradd --create-home --uid 1000 --shell /bin/bash dev
echo 'dev ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/dev
chmod 0440 /etc/sudoers.d/dev

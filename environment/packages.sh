# shellcheck shell=bash disable=SC2034  # sourced: the arrays are used by setup.sh and image.sh
# The one list of Debian/Ubuntu packages Dino.Repro installs, sourced by environment/setup.sh (a machine) and
# environment/image.sh (the devcontainer images). tests/SetupScripts/DevcontainerTests checks that nothing installs a
# package that is not named here.

# What the kit needs at run time and in its tests.
dino_packages=(
    libgtk-3-0     # OpenCvSharp's official Linux runtime links GTK 3 (highgui), even though the kit opens no window
    opencv-data    # Haar cascades for face detection (the NuGet runtime carries no data files)
    ffmpeg         # audio containers, video muxing
    espeak-ng      # speech for the embedded corpora
    sox            # audio conversion and checks
    shellcheck     # lints the data-scripts (tests/DataScripts/ShellcheckTests)
    chromium       # opens a smoke report headless in a real browser (tests/App/Reporting/ReportInBrowserTests)
    unzip          # the data-scripts' .zip archives
    zip            # joins FSD50K's split archive (data-scripts/fsd50k.sh: zip -s 0)
)

# bench/ only: Debian's PyTorch 1.13 (the only PyTorch these machines can install) takes BLAS from the system
# alternative: OpenBLAS, or its matrix products run on the reference BLAS, ~50x slower, and the comparison means nothing.
dino_bench_packages=(python3-torch libopenblas0-pthread)

# When no npm is on PATH: npm vendors plotly.js at build time (environment/fetch-plotly.sh).
dino_npm_packages=(nodejs npm)

# An image's own base before the kit's list: what installing .NET and working on a checkout need. ICU and OpenSSL are
# named without their version; image.sh resolves them to the release's package (Debian 12: libicu72, libssl3; Ubuntu
# 24.04: libicu74, libssl3t64).
dino_image_packages=(ca-certificates curl git sudo zlib1g libicu libssl3)

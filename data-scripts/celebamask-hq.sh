#!/usr/bin/env bash
# CelebAMask-HQ for DINO's mask-to-face experiment. Released on Google Drive / Baidu under CelebA's
# non-commercial agreement, so the archive is fetched by hand; the script verifies and unpacks it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init celebamask-hq "CelebAMask-HQ: 30,000 face photos (1024²) with per-part masks (512², 19 labels) and the CelebA-HQ -> CelebA id mapping used for the split."
ds_manual CelebAMask-HQ.zip "Agree to the terms on https://github.com/switchablenorms/CelebAMask-HQ (non-commercial research),
follow its Google Drive (or Baidu) link and save CelebAMask-HQ.zip."

# The zip holds CelebA-HQ-img/ (photos), CelebAMask-HQ-mask-anno/<0..14>/ (per-part PNGs) and the mapping file.
ds_check_unpacked() {
    ds_expect_count "$DS_TARGET/CelebAMask-HQ/CelebA-HQ-img" '*.jpg' 30000
    ds_expect_count "$DS_TARGET/CelebAMask-HQ" 'CelebA-HQ-to-CelebA-mapping.txt' 1
}
ds_plan_extra() { echo "  checks: CelebAMask-HQ/CelebA-HQ-img holds 30,000 JPEGs and the id mapping file is present"; }

ds_main "$@"

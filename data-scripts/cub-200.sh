#!/usr/bin/env bash
# CUB-200-2011 for direct speech-to-image translation: the images (Caltech's data host, automatic) and the
# 10 captions per image of Reed et al. CVPR 2016 (published on Google Drive, fetched by hand).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init cub-200 "CUB-200-2011 birds (11,788 images, 200 classes; the paper's 150/50 class split) + Reed et al.'s 10 captions per image."
ds_auto CUB_200_2011.tgz "https://data.caltech.edu/records/65de6-vp158/files/CUB_200_2011.tgz?download=1" unpack \
    "the project page https://www.vision.caltech.edu/datasets/cub_200_2011/ links the same file"
# Google Drive serves large files through a confirmation page that changes; a browser is the reliable way.
ds_manual cvpr2016_cub.tar.gz "Reed et al. CVPR 2016 captions (text_c10/, 10 per image), linked from https://github.com/reedscot/cvpr2016:
open https://drive.google.com/open?id=0B0ywwgffWnLLZW9uVHNjb2JmNlE in a browser and save the file as cvpr2016_cub.tar.gz."

# The tarball has every image of the 200 classes; the captions have one text file per image.
ds_check_unpacked() {
    ds_expect_count "$DS_TARGET/CUB_200_2011/images" '*.jpg' 11788
}
ds_plan_extra() { echo "  checks: CUB_200_2011/images holds 11,788 JPEGs after unpacking"; }

ds_main "$@"

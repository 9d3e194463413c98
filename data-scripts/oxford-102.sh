#!/usr/bin/env bash
# Oxford-102 flowers for direct speech-to-image translation: images, labels and splits from the VGG site
# (automatic) and Reed et al.'s 10 captions per image (published on Google Drive, fetched by hand).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init oxford-102 "Oxford-102 flowers (8,189 images, 102 classes; the paper's 82/20 class split) + Reed et al.'s 10 captions per image."
vgg="https://www.robots.ox.ac.uk/~vgg/data/flowers/102"
mirror="https://thor.robots.ox.ac.uk/datasets/flowers-102"   # the VGG group's own mirror
ds_auto 102flowers.tgz "$vgg/102flowers.tgz" unpack "$mirror/102flowers.tgz"
ds_auto imagelabels.mat "$vgg/imagelabels.mat" unpack "$mirror/imagelabels.mat"
ds_auto setid.mat "$vgg/setid.mat" unpack "$mirror/setid.mat"
ds_manual cvpr2016_flowers.tar.gz "Reed et al. CVPR 2016 captions (text_c10/, 10 per image), linked from https://github.com/reedscot/cvpr2016:
open https://drive.google.com/open?id=0B0ywwgffWnLLcms2WWJQRFNSWXM in a browser and save the file as cvpr2016_flowers.tar.gz."

ds_check_unpacked() { ds_expect_count "$DS_TARGET/jpg" '*.jpg' 8189; }
ds_plan_extra() { echo "  checks: jpg/ holds 8,189 JPEGs after unpacking"; }

ds_main "$@"

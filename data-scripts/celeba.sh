#!/usr/bin/env bash
# CelebA (aligned crops + the 40 attributes) for the AC-GAN translation's gender split. CelebA is shared
# through Google Drive / Baidu after agreeing to its non-commercial research terms, so it is fetched by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init celeba "CelebA aligned faces (202,599 images) + attributes (the 'Male' column gives the two classes, 80/20 per class)."
site="https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html"
ds_manual img_align_celeba.zip "Agree to the terms on $site, open its Google Drive link (folder Img/) and save img_align_celeba.zip."
ds_manual list_attr_celeba.txt "From the same Google Drive (folder Anno/) save list_attr_celeba.txt."
ds_manual list_eval_partition.txt "From the same Google Drive (folder Eval/) save list_eval_partition.txt."

ds_check_unpacked() { ds_expect_count "$DS_TARGET/img_align_celeba" '*.jpg' 202599; }
ds_plan_extra() { echo "  checks: img_align_celeba/ holds 202,599 JPEGs after unpacking"; }

ds_main "$@"

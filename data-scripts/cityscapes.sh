#!/usr/bin/env bash
# Cityscapes for DINO's label-to-street-scene experiment (pix2pix's protocol: train 2,975, test = val 500).
# Downloads need an account on cityscapes-dataset.com and acceptance of its licence, so they are by hand.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init cityscapes "Cityscapes fine annotations (gtFine: labelIds, colour maps) + left 8-bit photos (leftImg8bit), train/val/test."
login="Log in at https://www.cityscapes-dataset.com/downloads/ (register and accept the licence first)"
ds_manual gtFine_trainvaltest.zip "$login and save gtFine_trainvaltest.zip (241 MB, packageID=1).
Scripted alternative with your own account: pip install cityscapesscripts; csDownload gtFine_trainvaltest.zip"
ds_manual leftImg8bit_trainvaltest.zip "$login and save leftImg8bit_trainvaltest.zip (11 GB, packageID=3).
Scripted alternative with your own account: pip install cityscapesscripts; csDownload leftImg8bit_trainvaltest.zip"

ds_check_unpacked() {
    ds_expect_count "$DS_TARGET/leftImg8bit/train" '*_leftImg8bit.png' 2975
    ds_expect_count "$DS_TARGET/leftImg8bit/val" '*_leftImg8bit.png' 500
    ds_expect_count "$DS_TARGET/gtFine/train" '*_gtFine_labelIds.png' 2975
    ds_expect_count "$DS_TARGET/gtFine/val" '*_gtFine_labelIds.png' 500
}
ds_plan_extra() { echo "  checks: 2,975 train + 500 val photos and gtFine labelIds after unpacking"; }

ds_main "$@"

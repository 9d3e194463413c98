#!/usr/bin/env bash
# The pretrained evaluator networks behind FID/KID/IS, LPIPS, FVD and the segmentation scores. The kit
# loads TorchScript with torch::jit::load, so where an official TorchScript file exists it is fetched as
# is; where the official artefact is a PyTorch state dict, a Caffe model or a Drive file, the script says
# so and CONVERSION.md says how to turn it into TorchScript once, on a machine with Python + PyTorch.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ds_init evaluators "Pretrained evaluator networks (TorchScript) for the kit's metrics, kept as downloaded in <data root>/evaluators." --no-raw

nv="https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics"
# TorchScript as published: used directly (the kit passes keyword arguments, e.g. return_features=True).
ds_auto inception-2015-12-05.pt "$nv/inception-2015-12-05.pt" keep   # FID/KID/IS: NVIDIA's TorchScript port of TF's Inception (TF-FID numbers)
ds_auto vgg16.pt "$nv/vgg16.pt" keep                                 # LPIPS (VGG variant): NVIDIA's TorchScript VGG16 with the LPIPS head
ds_auto i3d_torchscript.pt "https://www.dropbox.com/s/ge9e5ujwgetktms/i3d_torchscript.pt?dl=1" keep   # FVD: StyleGAN-V's I3D (Kinetics-400), called with rescale=False, resize=False, return_features=True
# Not TorchScript: fetched here, converted once (CONVERSION.md) into lpips-alex.pt.
ds_auto alexnet-owt-7be5be79.pth "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth" keep
ds_auto lpips-v0.1-alex.pth "https://github.com/richzhang/PerceptualSimilarity/raw/master/lpips/weights/v0.1/alex.pth" keep
# pix2pix's Cityscapes FCN-8s (Caffe): the segmenter of pix2pix's protocol, converted into fcn8s-cityscapes.pt.
ds_auto fcn-8s-cityscapes.caffemodel "http://people.eecs.berkeley.edu/~tinghuiz/projects/pix2pix/fcn-8s-cityscapes/fcn-8s-cityscapes.caffemodel" keep
ds_auto fcn-8s-cityscapes-deploy.prototxt "https://raw.githubusercontent.com/phillipi/pix2pix/master/scripts/eval_cityscapes/caffemodel/deploy.prototxt" keep   # its layers

# Files the metrics read that only a conversion (or a hand download) makes: reported, not fetched.
converted=(
    "lpips-alex.pt|LPIPS (AlexNet): trace from alexnet-owt-7be5be79.pth + lpips-v0.1-alex.pth (CONVERSION.md)"
    "fcn8s-cityscapes.pt|Cityscapes FCN-8s (--set segmenter=cityscapes-fcn8s): convert fcn-8s-cityscapes.caffemodel + its deploy.prototxt (CONVERSION.md)"
    "face-parsing.pt|face parsing, 19 classes (dino metric miou-images --set segmenter=face-parsing): the CelebAMask-HQ UNet (github.com/switchablenorms/CelebAMask-HQ, face_parsing/, weights on Google Drive), traced (CONVERSION.md)"
    "deeplabv3plus-cityscapes.pt|DeepLabv3+ on Cityscapes (--set segmenter=cityscapes-deeplabv3plus; what DINO used): no official release of DINO's weights; a public DeepLabv3+ Cityscapes checkpoint traced (CONVERSION.md)"
    "hopenet.pt|head pose (acgan-translation at paper): Hopenet ResNet-50 (github.com/natanielruiz/deep-head-pose, hopenet_robust_alpha1.pkl on Google Drive), traced (CONVERSION.md)"
    "stackgan-inception-cub.pt|IS on CUB: the StackGAN fine-tuned Inception (TensorFlow, github.com/hanzhanggit/StackGAN-inception-model), converted (CONVERSION.md)"
)

report_converted() {
    local entry file what
    for entry in "${converted[@]}"; do
        file="${entry%%|*}" what="${entry#*|}"
        if [ -f "$DS_TARGET/$file" ]; then echo "  [present]  $file"; else echo "  [to make]  $file — $what"; fi
    done
}
ds_plan_extra() { echo "  networks that need a conversion (not fetched; see data-scripts/CONVERSION.md):"; report_converted; }
ds_check_unpacked() { ds_say "networks that need a conversion (see data-scripts/CONVERSION.md):"; report_converted; }
ds_prepare_plan() { echo "no preparation step: the metrics load these files from $DS_TARGET"; }

ds_main "$@"

using Dino.Repro.Torch.Jit;

namespace Dino.Repro.Evaluation.Metrics.Features;

/// <summary>
/// The evaluators the image metrics know by name. None of their numbers were checked here: the files cannot
/// be downloaded in the kit's build environment, so what follows is what the kit relies on, from
/// stylegan2-ada-pytorch's metrics/ code, not something a test has seen.
/// </summary>
public static class Evaluators
{
    /// <summary>
    /// NVIDIA's TorchScript port of TF's Inception (inception-2015-12-05.pt, fetched by evaluators.sh). Relied on:
    /// forward(img, return_features=False, use_fp16=False, no_output_bias=False) takes uint8 NCHW RGB in [0,255]
    /// at any size (it resizes to 299×299 itself); called as stylegan2-ada's metrics call it — FID/KID with
    /// return_features=True (pool3 features [N,2048]), IS with no_output_bias=True (softmax probabilities [N,1008]).
    /// </summary>
    public static Evaluator Inception { get; } =
        new("Inception", "inception-2015-12-05.pt", null, EvaluatorOutputs.KeywordSelected)
        {
            // NVIDIA's inception-2015-12-05.pt: forward(img, return_features=False, use_fp16=False, no_output_bias=False)
            Signature = new(new("return_features", false), new("use_fp16", false), new("no_output_bias", false)),
            FeaturesKwargs = new Dictionary<string, object> { ["return_features"] = true },
            ProbabilitiesKwargs = new Dictionary<string, object> { ["no_output_bias"] = true },
        };

    /// <summary>
    /// StyleGAN-V's TorchScript I3D (i3d_torchscript.pt, Kinetics-400), as Listen and Move's FVD calls it: videos
    /// float [N,3,T,224,224] in [-1,1] (the kit resizes with nearest neighbour), forward(x, rescale=False,
    /// resize=False, return_features=True) → features [N,400] before the softmax layer.
    /// </summary>
    public static Evaluator I3d { get; } =
        new("I3D", "i3d_torchscript.pt", 224, EvaluatorOutputs.KeywordSelected)
        {
            // StyleGAN-V's i3d_torchscript.pt: forward(x, rescale=False, resize=False, return_features=False)
            Signature = new(new("rescale", false), new("resize", false), new("return_features", false)),
            FeaturesKwargs = new Dictionary<string, object>
            {
                ["rescale"] = false,
                ["resize"] = false,
                ["return_features"] = true,
            },
        };

    /// <summary>
    /// LPIPS with AlexNet, traced from lpips.LPIPS(net='alex') (CONVERSION.md): forward(x, y) on two float
    /// [N,3,H,W] images in [-1,1] returns the distance [N,1,1,1].
    /// </summary>
    public static Evaluator LpipsAlex { get; } =
        new(
            "LPIPS (AlexNet)",
            "lpips-alex.pt",
            null,
            EvaluatorOutputs.Distance,
            "data-scripts/evaluators.sh, then the 'LPIPS (AlexNet)' step of data-scripts/CONVERSION.md"
        );

    /// <summary>
    /// LPIPS with VGG16: NVIDIA's TorchScript vgg16.pt (fetched by evaluators.sh), called as stylegan2-ada's
    /// metrics/perceptual_path_length.py calls it: forward(img, resize_images=False, return_lpips=True) on float
    /// NCHW RGB in [0,255] returns features [N,F], already unit-normalised per layer and weighted by the LPIPS
    /// linear head, so that LPIPS is the squared L2 distance of two images' features.
    /// </summary>
    public static Evaluator LpipsVgg { get; } =
        new("LPIPS (VGG16)", "vgg16.pt", null, EvaluatorOutputs.LpipsFeatures)
        {
            // NVIDIA's vgg16.pt: forward(img, resize_images=True, return_lpips=False)
            Signature = new(new("resize_images", true), new("return_lpips", false)),
            FeaturesKwargs = new Dictionary<string, object> { ["resize_images"] = false, ["return_lpips"] = true },
        };
}

namespace Dino.Repro.Metrics.Features;

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
    public static Evaluator Inception { get; } = new("Inception", "inception-2015-12-05.pt", null, EvaluatorOutputs.KeywordSelected)
    {
        features_kwargs = new Dictionary<string, object> { ["return_features"] = true },
        probabilities_kwargs = new Dictionary<string, object> { ["no_output_bias"] = true },
    };

    /// <summary>
    /// StyleGAN-V's TorchScript I3D (i3d_torchscript.pt, Kinetics-400), as Listen and Move's FVD calls it: videos
    /// float [N,3,T,224,224] in [-1,1] (the kit resizes with nearest neighbour), forward(x, rescale=False,
    /// resize=False, return_features=True) → features [N,400] before the softmax layer.
    /// </summary>
    public static Evaluator I3d { get; } = new("I3D", "i3d_torchscript.pt", 224, EvaluatorOutputs.KeywordSelected)
    {
        features_kwargs = new Dictionary<string, object> { ["rescale"] = false, ["resize"] = false, ["return_features"] = true },
    };

    /// <summary>
    /// LPIPS with AlexNet, traced from lpips.LPIPS(net='alex') (CONVERSION.md): forward(x, y) on two float
    /// [N,3,H,W] images in [-1,1] returns the distance [N,1,1,1]. NVIDIA's vgg16.pt has another interface
    /// (features for a hand-made distance) and is not read by this path.
    /// </summary>
    public static Evaluator LpipsAlex { get; } = new("LPIPS (AlexNet)", "lpips-alex.pt", null, EvaluatorOutputs.Distance,
        "data-scripts/evaluators.sh, then the 'LPIPS (AlexNet)' step of data-scripts/CONVERSION.md");
}

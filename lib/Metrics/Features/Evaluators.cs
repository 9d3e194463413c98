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
    /// at any size (it resizes to 299×299 itself) and returns pool3 features [N,2048] when return_features=True,
    /// softmax probabilities [N,1008] otherwise. The kit's jit binding passes tensors only, so called as is it
    /// gives probabilities (with the output bias, which stylegan2-ada's IS leaves out): usable for IS only.
    /// </summary>
    public static Evaluator Inception { get; } = new("Inception", "inception-2015-12-05.pt", null, EvaluatorOutputs.Probabilities);

    /// <summary>
    /// The same network wrapped once in Python (data-scripts/CONVERSION.md, "Inception features") so that forward(img)
    /// returns (pool3 features [N,2048], logits without output bias [N,1008]) — what FID, KID and IS need.
    /// </summary>
    public static Evaluator InceptionFeatures { get; } = new("Inception (features)", "inception-2015-12-05-features.pt", null,
        EvaluatorOutputs.FeaturesAndLogits, "data-scripts/evaluators.sh, then the 'Inception features' step of data-scripts/CONVERSION.md");

    /// <summary>
    /// LPIPS with AlexNet, traced from lpips.LPIPS(net='alex') (CONVERSION.md): forward(x, y) on two float
    /// [N,3,H,W] images in [-1,1] returns the distance [N,1,1,1]. NVIDIA's vgg16.pt has another interface
    /// (features for a hand-made distance) and is not read by this path.
    /// </summary>
    public static Evaluator LpipsAlex { get; } = new("LPIPS (AlexNet)", "lpips-alex.pt", null, EvaluatorOutputs.Distance,
        "data-scripts/evaluators.sh, then the 'LPIPS (AlexNet)' step of data-scripts/CONVERSION.md");
}

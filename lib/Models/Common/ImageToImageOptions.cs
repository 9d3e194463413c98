using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Options every image-to-image experiment shares: the image size, the corpus of pairs it trains on, the normalisation,
/// Adam's settings (the same 2e-4 and (0.5, 0.999) in DINO, pix2pix and BicycleGAN) and the sample grid's size.
/// </summary>
public abstract record ImageToImageOptions : TrainingOptions
{
    /// <summary>Side of the square images: a power of two; the U-Nets' depth follows it (256 = the papers). Default 256.</summary>
    public int Resolution { get; init; } = 256;

    /// <summary>
    /// A corpus with pairs in the corpus registry: "shapes" or "shapes-multimodal" (embedded, made on the
    /// spot), "celebamask-hq" (fetched by its data-script), …. Default "shapes".
    /// </summary>
    public string Corpus { get; init; } = "shapes";

    /// <summary>How many pairs to make when <see cref="Corpus"/> is embedded ("shapes", "shapes-multimodal"; 80% train). Default 2000.</summary>
    public int ShapesCount { get; init; } = 2000;

    /// <summary>
    /// The reference's training augmentation, the same for condition and target, drawn from the seed (see
    /// <see cref="PairedAugmentation"/>): DINO a 90 % crop with p = 0.5 and a flip with p = 0.5; pix2pix and BicycleGAN
    /// resize to 286/256 of the size, random crop back, flip with p = 0.5. Default false (the paper preset turns it on).
    /// </summary>
    public bool Augment { get; init; }

    /// <summary>
    /// Normalisation in every network: "instance", "batch" or "none". Default "instance" (DINO's and BicycleGAN's; pix2pix
    /// sets "batch", its reference's).
    /// </summary>
    public string Norm { get; init; } = "instance";

    /// <summary>Adam's learning rate for every network. Default 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1. Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Rows of a sample grid, one per pair (source | target | what the model makes of it). Default 4.</summary>
    public int SampleCount { get; init; } = 4;

    internal NormKind NormKind => NormLayer.Parse(Norm);

    /// <summary><paramref name="data"/> with <paramref name="reference"/>'s augmentation when <see cref="Augment"/> is on, else unchanged.</summary>
    public IBatchSource Augmented(IBatchSource data, PairedAugmentation reference) => Augment ? new AugmentedBatches(data, reference, Seed) : data;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Norm is not ("instance" or "batch" or "none"))
            yield return $"norm must be instance, batch or none (got '{Norm}')";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (SampleCount < 1)
            yield return $"sample_count must be at least 1 (got {SampleCount})";
    }
}

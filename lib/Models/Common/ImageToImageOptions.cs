using Dino.Repro.Data;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Common;

/// <summary>Options every image-to-image experiment shares: the image size and the corpus of pairs it trains on.</summary>
public abstract record ImageToImageOptions : TrainingOptions
{
    /// <summary>Side of the square images: a power of two; the U-Nets' depth follows it (256 = the papers). Default 256.</summary>
    public int Resolution { get; init; } = 256;

    /// <summary>"shapes" (embedded, made on the spot) or "celebamask-hq" (fetched by its data-script). Default "shapes".</summary>
    public string Corpus { get; init; } = "shapes";

    /// <summary>How many Shapes pairs to make when <see cref="Corpus"/> is "shapes" (80% train). Default 2000.</summary>
    public int ShapesCount { get; init; } = 2000;

    /// <summary>
    /// The reference's training augmentation, the same for condition and target, drawn from the seed (see
    /// <see cref="PairedAugmentation"/>): DINO a 90 % crop with p = 0.5 and a flip with p = 0.5; pix2pix and BicycleGAN
    /// resize to 286/256 of the size, random crop back, flip with p = 0.5. Default false (the paper preset turns it on).
    /// </summary>
    public bool Augment { get; init; }

    /// <summary><paramref name="data"/> with <paramref name="reference"/>'s augmentation when <see cref="Augment"/> is on, else unchanged.</summary>
    public IBatchSource Augmented(IBatchSource data, PairedAugmentation reference) =>
        Augment ? new AugmentedBatches(data, reference, Seed) : data;
}

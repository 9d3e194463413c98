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
}

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// Options of Dong et al.'s AC-GAN (step 1 of "Unsupervised image-to-image translation with generative adversarial
/// networks", arXiv 1701.02676): defaults are the reference code's (64², z of 100, a 5-d class embedding, widths 64 →
/// 1024, Adam 2e-4 β1 0.5, batch 64 class-balanced, two G updates per D update).
/// </summary>
public sealed record AcGanOptions : TrainingOptions
{
    /// <summary>The two-class face corpus (CelebA's layout, the <c>Male</c> attribute): "celeba" or the embedded "two-domain-faces".</summary>
    public string Corpus { get; init; } = "celeba";

    /// <summary>Images made when the corpus is embedded. Default 4000.</summary>
    public int FacesCount { get; init; } = 4000;

    /// <summary>Side of the square images (a multiple of 16: four stride-2 layers). Default 64.</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Length of z ~ N(0, 1). Default 100.</summary>
    public int Latent { get; init; } = 100;

    /// <summary>Size of the learned class embedding concatenated to z (a 2 × 5 table). Default 5.</summary>
    public int ClassEmbedding { get; init; } = 5;

    /// <summary>
    /// D's first width (64 → 128 → 256 → 512) and a sixteenth of G's first (1024 → 512 → 256 → 128). Default 64; the
    /// cpu preset uses a quarter.
    /// </summary>
    public int Width { get; init; } = 64;

    /// <summary>G updates after each D update, with the same z and labels (the reference's <c>for _ in range(2)</c>). Default 2.</summary>
    public int GeneratorUpdates { get; init; } = 2;

    /// <summary>Adam's learning rate for G and D. Default 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1. Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Images in a sample grid: half of each class, the same z for both halves. Default 16.</summary>
    public int SampleCount { get; init; } = 16;

    /// <summary>The classes (female, male).</summary>
    public const int Classes = 2;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Resolution < 16 || Resolution % 16 != 0)
            yield return $"resolution must be a positive multiple of 16 (got {Resolution})";
        if (Latent < 1 || ClassEmbedding < 1 || Width < 1)
            yield return $"latent, class_embedding and width must be at least 1 (got {Latent}, {ClassEmbedding}, {Width})";
        if (BatchSize % Classes != 0)
            yield return $"batch_size must be even: each batch holds as many faces of each class (got {BatchSize})";
        if (GeneratorUpdates < 1)
            yield return $"generator_updates must be at least 1 (got {GeneratorUpdates})";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
        if (SampleCount < Classes || SampleCount % Classes != 0)
            yield return $"sample_count must be a positive even number (got {SampleCount})";
        if (FacesCount < 10)
            yield return $"faces_count must be at least 10 (got {FacesCount})";
    }
}

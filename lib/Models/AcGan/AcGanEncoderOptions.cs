namespace Dino.Repro.Models.AcGan;

/// <summary>
/// Options of step 2 of Dong et al.: the encoder E trained through the frozen G of an <c>acgan</c> run — by the paper's
/// latent loss ‖E(G(z, c)) − z‖² on G's own samples, or by the pixel loss ‖x − G(E(x), c_x)‖² on real faces, the
/// baseline the paper's speed claim is measured against. Defaults are the reference's (Adam 1e-4, β1 0.5, batch 64,
/// 30,000 steps, labels drawn with p = 0.5).
/// </summary>
public sealed record AcGanEncoderOptions : TrainingOptions
{
    public const string LatentLoss = "latent",
        PixelLoss = "pixel";

    /// <summary>The <c>acgan</c> run folder whose newest checkpoint's G is frozen and encoded into.</summary>
    public string GeneratorRun { get; init; } = "";

    /// <summary>"latent" (the paper's) or "pixel" (the baseline). Default latent.</summary>
    public string Loss { get; init; } = LatentLoss;

    /// <summary>Adam's learning rate. Default 1e-4.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Adam's β1. Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Loss is not (LatentLoss or PixelLoss))
            yield return $"loss must be '{LatentLoss}' or '{PixelLoss}' (got '{Loss}')";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
    }
}

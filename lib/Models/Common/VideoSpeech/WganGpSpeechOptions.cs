namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// What the WGAN-GP baselines of Table 3 share (the conditional WaveGAN and the Perceptual GAN): WaveGAN's training
/// defaults (Donahue et al. 2019) — Adam 1e-4 with β (0.5, 0.9), five critic updates per generator update, each on a new
/// window, a gradient penalty of weight 10 — and the width d of WaveGAN's critic.
/// </summary>
public abstract record WganGpSpeechOptions : VideoSpeechOptions
{
    public double LearningRate { get; init; } = 1e-4;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.9;

    /// <summary>Critic updates per generator update, each on a new window of the batch's clips (WaveGAN's 5). Default 5.</summary>
    public int CriticSteps { get; init; } = 5;

    /// <summary>λ of the gradient penalty (WGAN-GP's 10). Default 10.</summary>
    public double PenaltyWeight { get; init; } = 10;

    /// <summary>d of the wave critic (WaveGAN's 64). Default 64.</summary>
    public int CriticWidth { get; init; } = 64;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (CriticSteps < 1 || CriticWidth < 1)
            yield return $"critic_steps and critic_width must be at least 1 (got {CriticSteps}, {CriticWidth})";
        if (!(PenaltyWeight >= 0))
            yield return $"penalty_weight must not be negative (got {PenaltyWeight})";
    }
}

using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.WaveGanSpeech;

/// <summary>
/// Options of the conditional WaveGAN baseline of DINO's Table 3 (no configuration published): WaveGAN's training
/// defaults (Donahue et al. 2019: WGAN-GP with λ 10, five critic updates per generator update, Adam 1e-4 with β (0.5, 0.9))
/// with DINO's Forward network as the generator and the video, encoded by the critic's own video encoder, as its condition.
/// </summary>
public sealed record ConditionalWaveGanOptions : VideoSpeechOptions
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

    /// <summary>Channels of the critic's per-frame video code, spread over each frame's samples and stacked on the waveform. Default 8.</summary>
    public int ConditionChannels { get; init; } = 8;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (CriticSteps < 1)
            yield return $"critic_steps must be at least 1 (got {CriticSteps})";
        if (!(PenaltyWeight >= 0))
            yield return $"penalty_weight must not be negative (got {PenaltyWeight})";
        if (CriticWidth < 1 || ConditionChannels < 1)
            yield return $"critic_width and condition_channels must be at least 1 (got {CriticWidth}, {ConditionChannels})";
    }
}

using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.CycleGanSpeech;

/// <summary>
/// Options of the CycleGAN baseline of DINO's Table 3, adapted to video and speech (no configuration published): CycleGAN's
/// defaults (LSGAN, cycle weight 10, Adam 2e-4, β1 0.5) with DINO's Forward and Reverse networks as the two generators.
/// The pairs are sampled as they come (each clip's own speech), which the paper does not state.
/// </summary>
public sealed record CycleGanSpeechOptions : VideoSpeechOptions
{
    /// <summary>λ, the weight of both cycle-consistency L1 terms (CycleGAN's 10). Default 10.</summary>
    public double CycleWeight { get; init; } = 10;

    /// <summary>Adam's rate for both generators and both discriminators. Default 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    public double Beta1 { get; init; } = 0.5;

    /// <summary>d of the audio discriminator (WaveGAN's 64). Default 64.</summary>
    public int AudioCriticWidth { get; init; } = 64;

    /// <summary>First channels of the video discriminator (the video encoder's design, one score per frame). Default 64.</summary>
    public int VideoCriticWidth { get; init; } = 64;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (!(CycleWeight >= 0))
            yield return $"cycle_weight must not be negative (got {CycleWeight})";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
        if (AudioCriticWidth < 1 || VideoCriticWidth < 1)
            yield return $"audio_critic_width and video_critic_width must be at least 1 (got {AudioCriticWidth}, {VideoCriticWidth})";
    }
}

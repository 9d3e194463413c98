using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// Options of DINO video-to-speech (paper §4.2, A.1.2; Table 3). The paper gives γ = 0.5, d = MSE, no L1 term and Adam at
/// 1e-4 for the video-to-audio network and 1e-3 for the audio-to-video one; the data and network sizes are
/// <see cref="VideoSpeechOptions"/>'.
/// </summary>
public sealed record DinoSpeechOptions : VideoSpeechOptions, IDinoBalanceOptions
{
    /// <summary>Adam's rate for F, video to audio (paper: 1e-4). Default 1e-4.</summary>
    public double LearningRateF { get; init; } = 1e-4;

    /// <summary>Adam's rate for R, audio to video (paper: 1e-3). Default 1e-3.</summary>
    public double LearningRateR { get; init; } = 1e-3;

    /// <summary>Adam's β1 (not in the paper: the image reference's 0.5). Default 0.5.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>m (Eq. 5). Default 0.2.</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>γ (Eq. 4): the paper's 0.5 for video-to-speech. Default 0.5.</summary>
    public double Gamma { get; init; } = 0.5;

    /// <summary>λ_k (Eq. 4). Default 0.001.</summary>
    public double BalanceGain { get; init; } = 0.001;

    /// <summary>Adaptive balancing (Eq. 4) on or off. Default true.</summary>
    public bool AdaptiveBalance { get; init; } = true;

    /// <summary>k₀. Default 0.</summary>
    public double InitialK { get; init; }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (!(LearningRateF > 0) || !(LearningRateR > 0))
            yield return $"learning_rate_f and learning_rate_r must be positive (got {LearningRateF}, {LearningRateR})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
        foreach (var problem in DinoBalance.Problems(this))
            yield return problem;
    }
}

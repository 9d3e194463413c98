using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.WaveGanSpeech;

/// <summary>
/// Options of the conditional WaveGAN baseline of DINO's Table 3 (no configuration published): WaveGAN's training
/// defaults (<see cref="WganGpSpeechOptions"/>) with DINO's Forward network as the generator and the video, encoded by the
/// critic's own video encoder, as its condition.
/// </summary>
public sealed record ConditionalWaveGanOptions : WganGpSpeechOptions
{
    /// <summary>Channels of the critic's per-frame video code, spread over each frame's samples and stacked on the waveform. Default 8.</summary>
    public int ConditionChannels { get; init; } = 8;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (ConditionChannels < 1)
            yield return $"condition_channels must be at least 1 (got {ConditionChannels})";
    }
}

using Dino.Repro.IO;

namespace Dino.Repro.Models.Common;

/// <summary>
/// What every speech-to-face model has besides its data (<see cref="TalkingHeadOptions"/>): G's last hidden and D's first
/// width, a divisor of the SEGAN encoder's channels, G's dropout and Adam's two learning rates and β1. Defaults are the
/// thesis' (no dropout, 2e-4 for both); each model's options set its own paper's in their constructor.
/// </summary>
public abstract record SpeechToFaceModelOptions : TalkingHeadOptions
{
    /// <summary>w: G's last hidden and D's first channels.</summary>
    public int Width { get; init; } = 64;

    /// <summary>Divides the SEGAN encoder's channels; the cpu preset uses 4.</summary>
    public int SpeechChannelDivisor { get; init; } = 1;

    /// <summary>Dropout after each hidden layer of G.</summary>
    public double Dropout { get; init; }

    public double LearningRateD { get; init; } = 2e-4;
    public double LearningRateG { get; init; } = 2e-4;
    public double Beta1 { get; init; } = 0.5;

    /// <summary>
    /// <paramref name="options"/> at <paramref name="preset"/>'s pairs (<see cref="TalkingHeadOptions.WithPresetPairs"/>)
    /// and sizes, the same for every speech-to-face model so a table's rows differ only where the paper's do: smoke a
    /// seconds-long run of width 8 (tests, CI); cpu the sheet's size — 64², widths and SEGAN channels a quarter, batch 64,
    /// 3,000 steps; paper full widths on CUDA (each model sets its own step count).
    /// </summary>
    public static T WithPresetSizes<T>(T options, Preset preset)
        where T : SpeechToFaceModelOptions
    {
        var pairs = WithPresetPairs(options, preset);
        SpeechToFaceModelOptions sized = preset switch
        {
            Preset.Smoke => pairs with
            {
                Width = 8,
                SpeechChannelDivisor = 16,
                BatchSize = 8,
                Steps = 12,
                LogEvery = 4,
                SampleEvery = 6,
                CheckpointEvery = 6,
                SampleCount = 4,
                KeepCheckpoints = 1,
            },
            Preset.Cpu => pairs with { Width = 16, SpeechChannelDivisor = 4, Steps = 3000, LogEvery = 25, SampleEvery = 500, CheckpointEvery = 500 },
            _ => pairs with { Device = ComputeDevice.Cuda, SampleEvery = 5000, CheckpointEvery = 5000 },
        };
        return (T)sized;
    }

    /// <summary>The SEGAN channels <paramref name="full"/> after <see cref="SpeechChannelDivisor"/> (never below 1).</summary>
    protected IReadOnlyList<int> Divided(IReadOnlyList<int> full) => full.Select(c => Math.Max(1, c / SpeechChannelDivisor)).ToArray();

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Width < 1 || SpeechChannelDivisor < 1)
            yield return $"width and speech_channel_divisor must be at least 1 (got {Width}, {SpeechChannelDivisor})";
        if (Dropout is < 0 or >= 1)
            yield return $"dropout must lie in [0, 1) (got {Dropout})";
        if (!(LearningRateD > 0) || !(LearningRateG > 0))
            yield return $"learning_rate_d and learning_rate_g must be positive (got {LearningRateD}, {LearningRateG})";
        if (Beta1 is < 0 or >= 1)
            yield return $"beta1 must lie in [0, 1) (got {Beta1})";
    }
}

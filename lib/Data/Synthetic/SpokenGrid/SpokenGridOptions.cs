using Dino.Repro.Data.Grid;
using Dino.Repro.IO;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Data.Synthetic.SpokenGrid;

/// <summary>How much Spoken GRID to make: speakers × utterances each, frame side in pixels, seed.</summary>
public sealed record SpokenGridOptions(int Speakers, int UtterancesPerSpeaker, int FrameSize, long Seed)
{
    public const long DefaultSeed = 0;

    /// <summary>Audio rate of the written WAVs (DINO's 16 kHz; the reader resamples any rate).</summary>
    public const int SampleRate = 16_000;

    /// <summary>GRID's utterances last 3 s; longer synthetic ones are rounded up to whole frames.</summary>
    public const double UtteranceSeconds = 3.0;

    /// <summary>The espeak-ng voices, one per speaker (en-us variants at different pitch and speed).</summary>
    public static IReadOnlyList<SpeechVoice> Voices { get; } =
    [
        new("en-us", "m3", Pitch: 40, Speed: 175),
        new("en-us", "f2", Pitch: 62, Speed: 185),
        new("en-us", "m7", Pitch: 32, Speed: 165),
        new("en-us", "f4", Pitch: 70, Speed: 180),
        new("en-us", "m2", Pitch: 48, Speed: 190),
        new("en-us", "f3", Pitch: 56, Speed: 170),
        new("en-us", "m5", Pitch: 36, Speed: 180),
        new("en-us", "f5", Pitch: 66, Speed: 175),
    ];

    /// <summary>smoke: 4 speakers × 6 utterances at 64² (seconds to make); cpu: 8 speakers × 100 at 96².</summary>
    public static SpokenGridOptions ForPreset(Preset preset, long seed = DefaultSeed) =>
        preset switch
        {
            Preset.Smoke => new SpokenGridOptions(4, 6, 64, seed),
            Preset.Cpu => new SpokenGridOptions(8, 100, 96, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset uses the real GRID corpus, not Spoken GRID (presets for Spoken GRID: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    public void Validate()
    {
        if (Speakers is < 1 || Speakers > Voices.Count)
            throw new ArgumentOutOfRangeException(nameof(Speakers), Speakers, $"Spoken GRID has 1..{Voices.Count} speakers (one per voice)");
        if (UtterancesPerSpeaker is < 1 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(UtterancesPerSpeaker), UtterancesPerSpeaker, "1..1000 utterances per speaker, as in GRID");
        if (FrameSize is < 48 or > 512)
            throw new ArgumentOutOfRangeException(
                nameof(FrameSize),
                FrameSize,
                "frames are 48..512 pixels square (the Haar face detector misses smaller faces)"
            );
    }

    /// <summary>
    /// The GRID speaker numbers used for <paramref name="count"/> speakers, drawn in turn from the train, train,
    /// val and test speakers of <see cref="GridSplit"/>, so even 4 speakers give every part of the split a speaker.
    /// </summary>
    public static IReadOnlyList<int> SpeakerNumbers(int count)
    {
        var parts = new[] { GridSplitName.Train, GridSplitName.Train, GridSplitName.Val, GridSplitName.Test };
        var taken = new Dictionary<GridSplitName, int>();
        return Enumerable
            .Range(0, count)
            .Select(i =>
            {
                var part = parts[i % parts.Length];
                var next = taken.GetValueOrDefault(part);
                taken[part] = next + 1;
                return GridSplit.Speakers(part)[next];
            })
            .ToArray();
    }
}

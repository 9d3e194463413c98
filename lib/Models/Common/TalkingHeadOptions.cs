using Dino.Repro.Data.YouTubers;
using Dino.Repro.IO;

namespace Dino.Repro.Models.Common;

/// <summary>
/// The data options every speech-to-face experiment shares: which talking-head corpus, how its (face, speech) pairs are
/// cut, which speakers are held out, how long each example's speech is, and the faces' size.
/// </summary>
public abstract record TalkingHeadOptions : TrainingOptions
{
    /// <summary>The speech's sample rate (both Wav2Pix papers: 16 kHz).</summary>
    public const int SampleRate = 16_000;

    /// <summary>The talking-head corpus (the YouTubers layout): "youtubers" or the embedded "voice-faces".</summary>
    public string Corpus { get; init; } = "youtubers";

    /// <summary>The size an embedded corpus is made at (its <c>dino corpus make</c> preset: smoke or cpu); a real one ignores it.</summary>
    public Preset CorpusSize { get; init; } = Preset.Cpu;

    /// <summary>Seconds of speech cut around each face frame (the thesis' 4; each example keeps the centred <see cref="Samples"/>).</summary>
    public double WindowSeconds { get; init; } = 4;

    /// <summary>Seconds between the sampled face frames (the thesis' 2).</summary>
    public double HopSeconds { get; init; } = 2;

    /// <summary>Identities kept out of training (the last in name order), for the unseen-speaker rows. The papers hold out none.</summary>
    public int HeldOutSpeakers { get; init; }

    /// <summary>Speech samples per face (ICASSP: 16,000, 1 s; the thesis: 64,000, 4 s).</summary>
    public int Samples { get; init; } = 16_000;

    /// <summary>Side of the faces.</summary>
    public int Resolution { get; init; } = 64;

    /// <summary>Faces in a sample grid. Default 8.</summary>
    public int SampleCount { get; init; } = 8;

    /// <summary>How the YouTubers reader cuts this run's pairs: its windows at 16 kHz, faces at the run's resolution.</summary>
    public YouTubersOptions ReaderOptions =>
        new(
            SampleRate: SampleRate,
            WindowSeconds: WindowSeconds,
            HopSeconds: HopSeconds,
            FaceSize: Resolution,
            LoadSeconds: (double)Samples / SampleRate,
            HeldOutSpeakers: HeldOutSpeakers
        );

    /// <summary>
    /// <paramref name="options"/> reading the pairs of <paramref name="preset"/>, the same for every speech-to-face
    /// experiment so that a table's rows score the same faces: smoke and cpu the embedded voice-faces at that size, one-second
    /// windows every half second (the short videos give enough pairs), one and three of its speakers held out, 4,096 and
    /// 16,000 samples of speech; paper the real YouTubers, each model hearing its own paper's length.
    /// </summary>
    public static T WithPresetPairs<T>(T options, Preset preset)
        where T : TalkingHeadOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        TalkingHeadOptions pairs = preset switch
        {
            Preset.Smoke => options with
            {
                Corpus = "voice-faces",
                CorpusSize = Preset.Smoke,
                WindowSeconds = 1,
                HopSeconds = 0.5,
                HeldOutSpeakers = 1,
                Samples = 4096,
            },
            Preset.Cpu => options with
            {
                Corpus = "voice-faces",
                CorpusSize = Preset.Cpu,
                WindowSeconds = 1,
                HopSeconds = 0.5,
                HeldOutSpeakers = 3,
                Samples = 16_000,
            },
            Preset.Paper => options with { Corpus = "youtubers" },
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };
        return (T)pairs;
    }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (CorpusSize == Preset.Paper)
            yield return "corpus_size names an embedded corpus' size: smoke or cpu";
        if (!(HopSeconds > 0) || Samples > WindowSeconds * SampleRate)
            yield return $"hop_seconds must be positive and window_seconds hold the {Samples} samples (got {HopSeconds}, {WindowSeconds})";
        if (HeldOutSpeakers < 0 || SampleCount < 1)
            yield return $"held_out_speakers must be at least 0 and sample_count at least 1 (got {HeldOutSpeakers}, {SampleCount})";
    }
}

namespace Dino.Repro.Data.Grid;

/// <summary>
/// How <see cref="GridCorpus.Load"/> cuts an utterance into a training example. Defaults: DINO's video-to-speech
/// setting — 3 s clips (75 frames at 25 fps, 48,000 samples at 16 kHz, so 640 samples per frame), 96×96 mouth
/// crops in colour.
/// </summary>
public sealed record GridClipOptions
{
    public const double FramesPerSecond = 25;

    /// <summary>Frames per clip; the audio gets <see cref="Frames"/> × <see cref="SamplesPerFrame"/> samples.</summary>
    public int Frames { get; init; } = 75;

    /// <summary>Audio rate of the returned waveform; any WAV rate is resampled to it.</summary>
    public int SampleRate { get; init; } = 16_000;

    /// <summary>First video frame of the clip (the audio starts at the same instant).</summary>
    public int StartFrame { get; init; }

    /// <summary>Side of the square mouth crop in pixels.</summary>
    public int Size { get; init; } = 96;

    /// <summary>One luma channel instead of three RGB channels.</summary>
    public bool Grayscale { get; init; }

    /// <summary>Where the mouth is relative to the detected face box.</summary>
    public MouthRegion Mouth { get; init; } = MouthRegion.Default;

    public int SamplesPerFrame => (int)(SampleRate / FramesPerSecond);

    public int Samples => Frames * SamplesPerFrame;

    public int Channels => Grayscale ? 1 : 3;

    /// <summary>Where the clip starts, in seconds from the start of the utterance.</summary>
    public double StartSeconds => StartFrame / FramesPerSecond;

    public void Validate()
    {
        if (Frames <= 0)
            throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "a clip needs at least one frame");
        if (StartFrame < 0)
            throw new ArgumentOutOfRangeException(nameof(StartFrame), StartFrame, "the start frame cannot be negative");
        if (Size < 8)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "mouth crops are at least 8 pixels");
        if (SampleRate <= 0 || SampleRate % (int)FramesPerSecond != 0)
            throw new ArgumentOutOfRangeException(
                nameof(SampleRate),
                SampleRate,
                "the sample rate must be a positive multiple of 25 (whole samples per video frame)"
            );
        ArgumentNullException.ThrowIfNull(Mouth, nameof(Mouth));
        Mouth.Validate();
    }
}

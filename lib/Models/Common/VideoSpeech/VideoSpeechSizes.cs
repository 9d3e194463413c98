namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The sizes of DINO's video-to-speech networks (paper §4.2, A.1.2). The paper gives the parts, not their sizes; the
/// defaults follow its author's speech-driven-animation code where that has the part (0.2 s audio windows, a first audio
/// kernel of 5 ms at a 1 ms stride, 16 audio and 64 image channels doubling, noise of 10 values with σ 0.33) and are
/// the kit's choice elsewhere (the video encoder's 5-frame temporal kernel, 256-d embeddings) — all recorded in a run's
/// options. Channels double per halving up to 8× the first.
/// </summary>
/// <param name="FrameSize">Side of the square mouth crops (GRID's default crop: 96).</param>
/// <param name="Channels">3 colour, 1 grey.</param>
/// <param name="SamplesPerFrame">Audio samples per video frame: 640 at 16 kHz and 25 fps; a multiple of 64.</param>
/// <param name="VideoWidth">The video encoder's first channels.</param>
/// <param name="Embedding">Per-frame video embedding (the Forward GRU's input).</param>
/// <param name="ForwardHidden">The Forward network's one-layer GRU.</param>
/// <param name="DecoderWidth">The audio decoder's first channels (halved by each ×4 upsampling; the last ≥ 8 for attention).</param>
/// <param name="WindowSamples">Audio the Reverse network hears around each frame.</param>
/// <param name="AudioWidth">The audio encoder's first channels.</param>
/// <param name="AudioCode">Per-frame audio code (the Reverse GRU's input).</param>
/// <param name="ReverseHidden">The Reverse network's two-layer GRU.</param>
/// <param name="IdentityWidth">The identity encoder's first channels.</param>
/// <param name="IdentityCode">The identity code of the first frame.</param>
/// <param name="Noise">Per-frame noise values fed to the frame decoder.</param>
public sealed record VideoSpeechSizes(
    int FrameSize = 96,
    int Channels = 3,
    int SamplesPerFrame = 640,
    int VideoWidth = 64,
    int Embedding = 256,
    int ForwardHidden = 256,
    int DecoderWidth = 256,
    int WindowSamples = 3200,
    int AudioWidth = 16,
    int AudioCode = 256,
    int ReverseHidden = 256,
    int IdentityWidth = 64,
    int IdentityCode = 128,
    int Noise = 10
)
{
    /// <summary>The per-frame noise's standard deviation (speech-driven-animation's N(0, 0.33²)).</summary>
    public const double NoiseStd = 0.33;

    /// <summary>Video frames per second (GRID).</summary>
    public const int FramesPerSecond = 25;

    /// <summary>The audio's sample rate: samples per frame × 25.</summary>
    public int SampleRate => SamplesPerFrame * FramesPerSecond;

    /// <summary>The spatial sides the image encoders leave after each stride-2 block: halved while above 4.</summary>
    public IReadOnlyList<int> ImageSides()
    {
        var sides = new List<int>();
        for (var side = FrameSize; side > 4; )
        {
            if (side % 2 != 0)
                throw new ArgumentException($"frame size {FrameSize} does not halve evenly down to 4 or less (it reaches {side})");
            side /= 2;
            sides.Add(side);
        }
        return sides;
    }

    /// <summary>Channels of the i-th of <paramref name="blocks"/> blocks: <paramref name="first"/> doubling, at most 8×.</summary>
    public static IReadOnlyList<int> Doubling(int first, int blocks) =>
        Enumerable.Range(0, blocks).Select(i => first * (1 << Math.Min(i, 3))).ToArray();

    /// <summary>Every problem with these sizes (empty when they build).</summary>
    public IEnumerable<string> Problems()
    {
        if (FrameSize < 8)
            yield return $"frame_size must be at least 8 (got {FrameSize})";
        else
        {
            string? halving = null;
            try
            {
                ImageSides();
            }
            catch (ArgumentException e)
            {
                halving = e.Message;
            }
            if (halving is not null)
                yield return halving;
        }
        if (Channels is not (1 or 3))
            yield return $"channels must be 1 or 3 (got {Channels})";
        if (SamplesPerFrame < 64 || SamplesPerFrame % 64 != 0)
            yield return $"samples_per_frame must be a positive multiple of 64: the audio decoder upsamples by 4 three times (got {SamplesPerFrame})";
        if (DecoderWidth < 32)
            yield return $"decoder_width must be at least 32: its last block (a quarter) feeds self-attention (got {DecoderWidth})";
        if (WindowSamples < SampleRate / 100)
            yield return $"window_samples must hold at least 10 ms ({SampleRate / 100} samples; got {WindowSamples})";
        foreach (
            var (name, value) in new[]
            {
                ("video_width", VideoWidth),
                ("embedding", Embedding),
                ("forward_hidden", ForwardHidden),
                ("audio_width", AudioWidth),
                ("audio_code", AudioCode),
                ("reverse_hidden", ReverseHidden),
                ("identity_width", IdentityWidth),
                ("identity_code", IdentityCode),
                ("noise", Noise),
            }
        )
            if (value < 1)
                yield return $"{name} must be at least 1 (got {value})";
    }
}

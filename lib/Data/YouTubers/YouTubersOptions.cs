using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dino.Repro.Data.YouTubers;

/// <summary>
/// How (face, speech) pairs are cut from talking-head videos for Wav2Pix. Two published variants:
/// <list type="bullet">
/// <item>Thesis (Roldan 2018, the default): audio to 16 kHz mono; a frontal Haar cascade, the most confident face per
/// frame; 4 s of speech centred on the face frame (±2 s), 2 s overlap between faces found in consecutive sampled
/// frames (a face frame every 2 s); faces 64×64 in [−1, 1]; each window normalised to [−1, 1] (÷ max|x|) and
/// pre-emphasised.</item>
/// <item>ICASSP 2019 (Duarte et al.): 1 s clips at 16 kHz; at load the centre 16,000 samples, ÷ max|x|, pre-emphasis
/// 0.95. <see cref="Icassp"/> keeps the thesis' extraction and cuts the centre second at load
/// (<see cref="LoadSeconds"/> = 1).</item>
/// </list>
/// Both pre-emphasise with 0.95: the ICASSP code's coefficient (the thesis names none).
/// Split (the papers give none): the last <see cref="HeldOutSpeakers"/> identities in name order are unseen speakers;
/// of every other identity the last <see cref="HeldOutVideos"/> videos in file-name order are unseen utterances, the
/// rest train (an identity with fewer videos than that + 1 is only in train).
/// </summary>
/// <param name="WindowSeconds">Speech window around each face frame.</param>
/// <param name="HopSeconds">Time between sampled face frames.</param>
/// <param name="LoadSeconds">When set, only the centred part this long is returned at load (ICASSP: 1 s).</param>
/// <param name="MinFaceSize">Smallest face the cascade reports, in pixels.</param>
/// <param name="MinNeighbors">Overlapping cascade hits a face needs (OpenCV's default 3).</param>
public sealed record YouTubersOptions(
    int SampleRate = 16000,
    double WindowSeconds = 4,
    double HopSeconds = 2,
    int FaceSize = 64,
    double PreEmphasis = 0.95,
    double? LoadSeconds = null,
    int HeldOutVideos = 1,
    int HeldOutSpeakers = 0,
    int MinFaceSize = 30,
    int MinNeighbors = 3,
    double ScaleFactor = 1.1
)
{
    public static YouTubersOptions Thesis { get; } = new();
    public static YouTubersOptions Icassp { get; } = new(LoadSeconds: 1);

    /// <summary>Samples per window as stored in the cache.</summary>
    public int WindowSamples => (int)Math.Round(WindowSeconds * SampleRate);

    /// <summary>Samples per example at load: the window, or its centred <see cref="LoadSeconds"/>.</summary>
    public int LoadSamples => LoadSeconds is { } s ? (int)Math.Round(s * SampleRate) : WindowSamples;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(FaceSize, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(HeldOutVideos);
        ArgumentOutOfRangeException.ThrowIfNegative(HeldOutSpeakers);
        if (!(WindowSeconds > 0 && HopSeconds > 0))
            throw new ArgumentException($"window ({WindowSeconds} s) and hop ({HopSeconds} s) must be positive");
        if (!(PreEmphasis is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(PreEmphasis), PreEmphasis, "pre-emphasis lies in [0, 1)");
        if (LoadSamples < 1 || LoadSamples > WindowSamples)
            throw new ArgumentOutOfRangeException(nameof(LoadSeconds), LoadSeconds, $"the loaded part must lie inside the {WindowSeconds} s window");
    }

    /// <summary>
    /// Names the cache of one source folder extracted with these options: a hash of the folder and of every option
    /// that changes what is extracted (load-time options — pre-emphasis, load length, split — do not).
    /// </summary>
    public string CacheKey(string sourceRoot)
    {
        var text = string.Join(
            "|",
            Path.GetFullPath(sourceRoot),
            SampleRate,
            WindowSeconds.ToString("R", CultureInfo.InvariantCulture),
            HopSeconds.ToString("R", CultureInfo.InvariantCulture),
            FaceSize,
            MinFaceSize,
            MinNeighbors,
            ScaleFactor.ToString("R", CultureInfo.InvariantCulture)
        );
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}

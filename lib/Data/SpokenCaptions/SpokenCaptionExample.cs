using Dino.Repro.Signal;

namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// What the speech-to-image model trains on per image: the image float [3, S, S] in [-1, 1], its class id and the WAVs
/// of its ten spoken captions (one is sampled per step; <see cref="LoadUtterance"/> reads it).
/// </summary>
public sealed record SpokenCaptionExample(string Key, Tensor Image, int ClassId, IReadOnlyList<string> UtterancePaths) : IDisposable
{
    /// <summary>Utterance <paramref name="index"/> as mono samples (16 kHz in the kit's caches).</summary>
    public AudioBuffer LoadUtterance(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, UtterancePaths.Count);
        return WavFile.Read(UtterancePaths[index]);
    }

    public void Dispose() => Image.Dispose();
}

/// <summary>A captioned corpus together with its speech cache: the examples the speech-to-image experiment reads.</summary>
public sealed class SpokenCaptionCorpus(ICaptionedImageCorpus corpus, SpokenCaptionCache speech)
{
    public ICaptionedImageCorpus Corpus { get; } = corpus ?? throw new ArgumentNullException(nameof(corpus));
    public SpokenCaptionCache Speech { get; } = speech ?? throw new ArgumentNullException(nameof(speech));

    /// <summary>Speaks the captions of both splits that are not cached yet (see <see cref="SpokenCaptionCache.Prepare"/>).</summary>
    public SpeechPrepareReport Prepare(IProgress<SpeechProgress>? progress = null, int parallelism = 0, CancellationToken cancellation = default) =>
        Speech.Prepare(Corpus.Images(CaptionSplit.Train).Concat(Corpus.Images(CaptionSplit.Test)), progress, parallelism, cancellation);

    /// <summary>One example; its utterances must be cached (<see cref="Prepare"/>).</summary>
    public SpokenCaptionExample Load(CaptionedImage image, CaptionImageOptions options, Random? random)
    {
        ArgumentNullException.ThrowIfNull(image);
        var paths = Speech.RequirePaths(image);
        return new SpokenCaptionExample(image.Key, CaptionImageTransform.Load(image, options, random), image.ClassId, paths);
    }
}

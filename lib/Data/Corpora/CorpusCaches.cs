using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The caches a real corpus needs before training, built by `dino corpus prepare` after the reader check so that the
/// first run does not: the spoken captions of cub-200 and oxford-102 (espeak-ng, <see cref="SpokenCaptionCache"/>) and
/// the (face, speech) pairs of youtubers (<see cref="YouTubersCorpus"/>). Both resume: a rerun only does what is missing.
/// </summary>
public static class CorpusCaches
{
    /// <summary>
    /// Builds the cache of <paramref name="corpus"/>, read at <paramref name="root"/>, where the experiments look for it under
    /// <paramref name="dataRoot"/>; returns one line on what it holds, or null when the corpus has no cache.
    /// </summary>
    /// <param name="progress">Where long work reports progress (a line per 10% of the captions spoken).</param>
    public static string? Build(string corpus, string root, string dataRoot, TextWriter progress) => corpus switch
    {
        CubLayout.CorpusName => SpokenCaptions(new CubCorpus(root), corpus, dataRoot, progress),
        Oxford102Corpus.CorpusName => SpokenCaptions(new Oxford102Corpus(root), corpus, dataRoot, progress),
        "youtubers" => FaceSpeechPairs(root, dataRoot),
        _ => null,
    };

    private static string SpokenCaptions(ICaptionedImageCorpus images, string corpus, string dataRoot, TextWriter progress)
    {
        var speech = SpokenCaptionCache.ForCorpus(corpus, dataRoot: dataRoot);
        var report = new SpokenCaptionCorpus(images, speech).Prepare(new SpeechPercentProgress(progress));
        return $"spoken captions at {speech.Root}: {report.Synthesized} spoken now, {report.Reused} already there " +
            $"({speech.Voices.Count} espeak-ng voices: {string.Join(", ", speech.Voices.Select(v => v.Tag))})";
    }

    // The thesis options: the ICASSP variant differs only at load time, so both read this one extraction.
    private static string FaceSpeechPairs(string root, string dataRoot)
    {
        var corpus = YouTubersCorpus.Open(root, YouTubersOptions.Thesis, YouTubersCorpus.DefaultCacheRoot(dataRoot));
        return $"(face, speech) pairs at {corpus.CacheFolder}: {corpus.Split(validation: false).Count} train, " +
            $"{corpus.Split(validation: true).Count} validation, of {corpus.Identities.Count} identities";
    }
}

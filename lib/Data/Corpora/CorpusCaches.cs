using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The caches a real corpus needs before training (each corpus' <see cref="CorpusDefinition.BuildCaches"/>), built by
/// `dino corpus prepare` after the reader check so that the first run does not: the spoken captions of cub-200 and oxford-102 (espeak-ng, <see
/// cref="SpokenCaptionCache"/>) and
/// the (face, speech) pairs of youtubers (<see cref="YouTubersCorpus"/>). Both resume: a rerun only does what is missing.
/// </summary>
public static class CorpusCaches
{
    public static string SpokenCaptions(ICaptionedImageCorpus images, string corpus, string dataRoot, TextWriter progress)
    {
        var speech = SpokenCaptionCache.ForCorpus(corpus, dataRoot: dataRoot);
        var report = new SpokenCaptionCorpus(images, speech).Prepare(new SpeechPercentProgress(progress));
        return $"spoken captions at {speech.Root}: {report.Synthesized} spoken now, {report.Reused} already there "
            + $"({speech.Voices.Count} espeak-ng voices: {string.Join(", ", speech.Voices.Select(v => v.Tag))})";
    }

    // The thesis options: the ICASSP variant differs only at load time, so both read this one extraction.
    public static string FaceSpeechPairs(string root, string dataRoot)
    {
        var corpus = YouTubersCorpus.Open(root, YouTubersOptions.Thesis, YouTubersCorpus.DefaultCacheRoot(dataRoot));
        return $"(face, speech) pairs at {corpus.CacheFolder}: {corpus.Split(FacePairSplit.Train).Count} train, "
            + $"{corpus.Split(FacePairSplit.UnseenUtterances).Count} held out, of {corpus.Identities.Count} identities";
    }
}

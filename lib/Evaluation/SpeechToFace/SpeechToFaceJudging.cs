using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Models.FaceAttributes;

namespace Dino.Repro.Evaluation.SpeechToFace;

/// <summary>
/// Makes the identity judge of an opened talking-head corpus: trained on the real faces of its training speakers and of
/// its unseen speakers (an evaluator may know every speaker; the generator never hears the unseen ones), never on the
/// held-out utterances, where its own accuracy is measured. Cached in the corpus' pair cache, keyed by its split.
/// </summary>
public static class SpeechToFaceJudging
{
    public static IdentityJudge Judge(YouTubersCorpus corpus, IdentityJudgeOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        var trainedOn = $"hv{corpus.Options.HeldOutVideos}-hs{corpus.Options.HeldOutSpeakers}";
        var path = IdentityJudge.CachePathFor(corpus.CacheFolder, trainedOn, options);
        return IdentityJudge.LoadOrTrain(path, corpus.Identities.Count, () => JudgedFaces(corpus), options, log);
    }

    /// <summary>Each speaker's recorded hair length, in label order, or null where the corpus records none.</summary>
    public static IReadOnlyList<double>? HairByLabel(YouTubersCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var recorded = VoiceFacesCorpus.HairLengths(corpus.Root);
        if (recorded is null)
            return null;
        return corpus
            .Identities.Select(name =>
                recorded.TryGetValue(name, out var length)
                    ? length
                    : throw new InvalidDataException($"{corpus.Root}: {VoiceFacesCorpus.ManifestFile} records no hair for {name}")
            )
            .ToArray();
    }

    private static JudgedFaces JudgedFaces(YouTubersCorpus corpus)
    {
        using var scope = torch.NewDisposeScope();
        var splits = new[] { FacePairSplit.Train, FacePairSplit.UnseenSpeakers }.Where(s => corpus.Split(s).Count > 0).ToArray();
        var batches = splits.Select(corpus.LoadSplit).ToArray();
        var faces = torch.cat(batches.Select(b => b.Faces).ToArray());
        var labels = torch.cat(batches.Select(b => b.Labels).ToArray());
        foreach (var batch in batches)
            batch.Dispose();
        return new JudgedFaces(faces.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), corpus.Identities.Count, HairByLabel(corpus));
    }
}

namespace Dino.Repro.Data.YouTubers;

/// <summary>
/// Where a (face, speech) pair falls: trained on; a held-out video of a training speaker (unseen utterances); or a
/// speaker kept out of training altogether (unseen speakers). The thesis' generalisation claim is measured on the two
/// held-out kinds.
/// </summary>
public enum FacePairSplit
{
    Train,
    UnseenUtterances,
    UnseenSpeakers,
}

public static class FacePairSplits
{
    /// <summary>The name the manifests and reports use: train, unseen-utterances, unseen-speakers.</summary>
    public static string Label(this FacePairSplit split) =>
        split switch
        {
            FacePairSplit.Train => "train",
            FacePairSplit.UnseenUtterances => "unseen-utterances",
            FacePairSplit.UnseenSpeakers => "unseen-speakers",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "not a split"),
        };
}

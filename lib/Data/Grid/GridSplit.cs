namespace Dino.Repro.Data.Grid;

/// <summary>A part of the speaker-independent GRID split.</summary>
public enum GridSplitName
{
    Train,
    Val,
    Test,
}

/// <summary>
/// The speaker-independent ("unseen speakers") GRID split: no speaker is in two parts, so test speakers are never
/// heard or seen in training (DINO §4.3 follows Vougioukas et al. 2019, reported as 15/8/10 speakers).
/// Vougioukas et al. publish no speaker list. The lists here are the validation and test speakers of the public
/// "unseen" file list of a later video-to-speech code that cites the same split (Kim et al. 2021, VCA-GAN,
/// <c>data/unseen_splits.txt</c>): test s2 s4 s11 s13 s15 s18 s19 s25 s31 s33 (10 speakers), validation s9 s20 s23
/// s27 s29 s30 s34 (7 found there); every other speaker with video is training (16). That is 16/7/10, not the
/// reported 15/8/10: one validation speaker could not be confirmed, so treat these lists as the kit's documented
/// choice, not as Vougioukas et al.'s exact one.
/// </summary>
public static class GridSplit
{
    public static IReadOnlyList<int> TestSpeakers { get; } = [2, 4, 11, 13, 15, 18, 19, 25, 31, 33];

    public static IReadOnlyList<int> ValSpeakers { get; } = [9, 20, 23, 27, 29, 30, 34];

    public static IReadOnlyList<int> TrainSpeakers { get; } = GridLayout.SpeakersWithVideo.Except(TestSpeakers).Except(ValSpeakers).ToArray();

    /// <summary>The part a speaker belongs to.</summary>
    public static GridSplitName Of(int speaker)
    {
        if (TestSpeakers.Contains(speaker))
            return GridSplitName.Test;
        if (ValSpeakers.Contains(speaker))
            return GridSplitName.Val;
        if (TrainSpeakers.Contains(speaker))
            return GridSplitName.Train;
        throw new ArgumentOutOfRangeException(
            nameof(speaker),
            speaker,
            $"speaker {speaker} is in no part of the split (GRID's speakers with video are 1..{GridLayout.SpeakerCount} but "
                + $"{GridLayout.SpeakerWithoutVideo})"
        );
    }

    public static IReadOnlyList<int> Speakers(GridSplitName split) =>
        split switch
        {
            GridSplitName.Train => TrainSpeakers,
            GridSplitName.Val => ValSpeakers,
            GridSplitName.Test => TestSpeakers,
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
        };
}

namespace Dino.Repro.Data.Grid;

/// <summary>An utterance of a GRID speaker: <c>s&lt;Speaker&gt;/&lt;Id&gt;</c>.</summary>
public readonly record struct GridUtterance(int Speaker, string Id)
{
    public override string ToString() => $"s{Speaker}/{Id}";
}

/// <summary>
/// One clip: mouth video float [T, C, H, W] in [−1, 1], audio float [samples] in [−1, 1] at the clip's rate
/// (T × samples-per-frame long, time-aligned with the video), and the sentence's words with their times in
/// seconds from the start of the utterance (the clip starts at <see cref="StartSeconds"/>).
/// </summary>
public sealed class GridExample : IDisposable
{
    public GridExample(GridUtterance utterance, Tensor video, Tensor audio, IReadOnlyList<GridWord> words, double startSeconds)
    {
        Utterance = utterance;
        Video = video;
        Audio = audio;
        Words = words;
        StartSeconds = startSeconds;
    }

    public GridUtterance Utterance { get; }
    public Tensor Video { get; }
    public Tensor Audio { get; }
    public IReadOnlyList<GridWord> Words { get; }
    public double StartSeconds { get; }

    /// <summary>The sentence, e.g. "bin blue at f two now".</summary>
    public string Text => string.Join(' ', Words.Select(w => w.Word));

    public void Dispose()
    {
        Video.Dispose();
        Audio.Dispose();
    }
}

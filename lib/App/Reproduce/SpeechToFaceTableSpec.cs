using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.App.Reproduce;

/// <summary>One row of a speech-to-face table: its label, the experiment and options that train it, and the paper's numbers.</summary>
/// <param name="Paper">The paper's cell as printed ("2.912896 / 0.114554"), or why there is none.</param>
public sealed record SpeechToFaceRow(string Method, string Experiment, IReadOnlyList<KeyValuePair<string, string>> Options, string Paper);

/// <summary>A column of the kit's side: a metric on the faces drawn for one split's pairs.</summary>
public sealed record SpeechToFaceColumn(string Header, string Metric, FacePairSplit Split)
{
    /// <summary>The key its value has in a row's scores: metric@split.</summary>
    public string Key => SpeechToFaceTable.KeyOf(Metric, Split);
}

/// <summary>
/// What makes one speech-to-face table: its name and caption, its rows, the paper's column header, the kit's columns,
/// the options each row sets itself (refused in --set), notes and the rules that judge the paper's claims.
/// </summary>
public sealed record SpeechToFaceTableSpec(
    string Name,
    string Description,
    string Caption,
    string PaperHeader,
    IReadOnlyList<SpeechToFaceRow> Rows,
    IReadOnlyList<SpeechToFaceColumn> Columns,
    IReadOnlyList<string> Notes,
    Func<SpeechToFaceResult, IReadOnlyList<string>> Verdict
)
{
    /// <summary>Option keys the rows set, which --set may not change.</summary>
    public IReadOnlySet<string> RowKeys => Rows.SelectMany(r => r.Options.Select(o => o.Key)).ToHashSet();

    /// <summary>
    /// Options the table sets for every row at a preset, on top of the experiments' own preset (e.g. a smaller batch where
    /// the experiments' would not fit the preset's time); the user's --set comes after and may change them.
    /// </summary>
    public IReadOnlyDictionary<IO.Preset, IReadOnlyList<KeyValuePair<string, string>>> PresetOptions { get; init; } =
        new Dictionary<IO.Preset, IReadOnlyList<KeyValuePair<string, string>>>();

    /// <summary>The table's options at <paramref name="preset"/> (none where it sets none).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OptionsAt(IO.Preset preset) => PresetOptions.TryGetValue(preset, out var set) ? set : [];
}

/// <summary>What a speech-to-face table measured: per row (and the real faces' reference row) each metric@split.</summary>
public sealed record SpeechToFaceResult(
    string Folder,
    IO.Preset Preset,
    string Corpus,
    string Judge,
    IReadOnlyList<Evaluation.ImageToImage.MethodScores> Rows,
    IReadOnlyDictionary<FacePairSplit, int> PairsScored
)
{
    public IReadOnlyList<(string method, string runDirectory)> Runs { get; init; } = [];

    /// <summary>The Inception file the thesis' IS and FID columns come from, or "missing: " and how to get it.</summary>
    public string Inception { get; init; } = "";

    public double? Value(string method, string metric, FacePairSplit split) =>
        Rows.Single(r => r.Method == method).Values.GetValueOrDefault(SpeechToFaceTable.KeyOf(metric, split));
}

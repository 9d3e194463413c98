using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.SoundToVideo;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// What Listen and Move's tables need at the paper preset, checked before any training starts (a run of days must not
/// fail at scoring): the paper's four clips in the sound-video folder, VGG16 to relu2_2 for the perceptual term, the
/// paper's evaluators for scoring and, for Table 2, FSD50K's development audio. Every missing input is named at once,
/// with what makes it.
/// </summary>
public static class ListenAndMovePaperInputs
{
    /// <summary>The perceptual network's path in the evaluators folder.</summary>
    public static string PerceptualNet() => Path.Combine(Evaluator.DefaultFolder(), FrameFeatures.PaperFileName);

    /// <summary>The row's options for a paper clip: its crops and the paper's perceptual network.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Overrides(string clip)
    {
        var paper = ListenAndMoveTable.PaperClips.Single(c => c.Clip == clip);
        return [new("crop", paper.Crop), new("eval_crop", paper.EvalCrop), new("perceptual_net", PerceptualNet())];
    }

    /// <param name="scoring">Whether the evaluators are needed (not for --estimate).</param>
    /// <param name="outOfDistribution">Whether FSD50K is needed (Table 2).</param>
    public static void Require(string table, bool scoring, bool outOfDistribution)
    {
        var missing = new List<string>();
        var corpus = ListenAndMoveExperiment.Presets[Preset.Paper](new ListenAndMoveOptions()).Corpus;
        var folder = Data.Corpora.CorpusRegistry.SoundVideos(corpus, new ListenAndMoveOptions().CorpusSeconds);
        var present = Directory.Exists(folder) ? SoundVideoCorpus.Clips(folder).Select(Path.GetFileNameWithoutExtension).ToHashSet() : [];
        foreach (var clip in ListenAndMoveTable.PaperClips.Where(c => !present.Contains(c.Clip)))
            missing.Add(
                $"the {clip.Column} clip: {Path.Combine(folder, clip.Clip)}.mp4 (the reference's {clip.ReferenceAsset}; data-scripts/sound-video.sh)"
            );
        if (!File.Exists(PerceptualNet()))
            missing.Add($"VGG16 to relu2_2: {PerceptualNet()} (data-scripts/CONVERSION.md, 'VGG16 to relu2_2')");
        if (scoring)
            missing.AddRange(PaperFeatureSpace.Needed.Select(e => e.Missing()).OfType<string>());
        if (outOfDistribution)
        {
            var fsd = OutOfDistributionSounds.Fsd50kFolder();
            if (!Directory.Exists(fsd) || !Directory.EnumerateFiles(fsd, "*.wav").Any())
                missing.Add($"FSD50K's development audio: {fsd} (data-scripts/fsd50k.sh)");
        }
        if (missing.Count > 0)
            throw new UsageException($"{table} at paper needs, before it trains anything:\n  " + string.Join("\n  ", missing));
    }
}

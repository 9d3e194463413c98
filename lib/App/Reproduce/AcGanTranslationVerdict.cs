using System.Globalization;
using Dino.Repro.Evaluation.FaceTranslation;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// Whether Dong et al.'s claims hold in a measured acgan-translation table, each with its reason. The rules: a translation
/// reaches its domain when the judge reads ≥ 90 % of translations as the target; it keeps a factor when its error is below
/// the midpoint between the real pairs' (the judge's own floor; 0 on a real corpus, where Hopenet's reading of the input is
/// the truth) and that of keeping nothing (the best constant guess); the latent encoder is faster when it reaches the
/// reconstruction error both encoders reach in less training time than the pixel-loss encoder.
/// </summary>
public static class AcGanTranslationVerdict
{
    /// <summary>The share of translations that must read as the target domain.</summary>
    public const double DomainRateNeeded = 0.9;

    /// <summary>One sentence per claim, in the order the paper makes them.</summary>
    public static IReadOnlyList<string> For(AcGanTranslationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var paper = result.Row(AcGanTranslationTable.LatentEncoder);
        // A real corpus has no real pairs: the truth is read on the input itself, so a translation that keeps a factor scores 0.
        var floor = result.RowOrNull(AcGanTranslationTable.RealPairs) ?? RealCorpusFloor;
        var floorName = result.RowOrNull(AcGanTranslationTable.RealPairs) is null ? "the input's own" : "real pairs";
        var nothing = result.RowOrNull(AcGanTranslationTable.NothingKept) ?? new Dictionary<string, double?>();
        var lines = new List<string>();

        var rate = paper[FaceTranslationMetrics.TargetRate] ?? double.NaN;
        lines.Add(
            rate >= DomainRateNeeded
                ? $"Translations change the domain: the judge reads {Percent(rate)} of the paper's translations as the target domain (≥ "
                    + $"{Percent(DomainRateNeeded)})."
                : $"Translations do not reliably change the domain at this preset: the judge reads {Percent(rate)} of the paper's translations as "
                    + "the "
                    + $"target domain (needs ≥ {Percent(DomainRateNeeded)}"
                    + (floor.GetValueOrDefault(FaceTranslationMetrics.TargetRate) is { } pairs ? $"; real pairs: {Percent(pairs)})." : ").")
        );

        var kept = new List<string>();
        var lost = new List<string>();
        var measured = new[]
        {
            (FaceTranslationMetrics.YawError, "yaw"),
            (FaceTranslationMetrics.RollError, "roll"),
            (FaceTranslationMetrics.MouthError, "mouth"),
        }
            .Where(f => nothing.GetValueOrDefault(f.Item1) is not null)
            .ToList();
        foreach (var (key, name) in measured)
            (Kept(paper, floor, nothing, key) ? kept : lost).Add(
                $"{name} {Number(paper.GetValueOrDefault(key))} ({floorName} {Number(floor.GetValueOrDefault(key))}, "
                    + $"nothing kept {Number(nothing[key])})"
            );
        var unmeasured =
            measured.Count == 3
                ? ""
                : $" ({string.Join(", ", new[] { "yaw", "roll", "mouth" }.Except(measured.Select(m => m.Item2)))}: not measured on this corpus)";
        lines.Add(
            measured.Count == 0 ? "Claim 1 cannot be judged here: no factors are recorded and no head-pose estimator is present."
            : lost.Count == 0
                ? $"Claim 1 holds{(measured.Count < 3 ? " as far as it is measured" : "")}: the translation keeps expression and head "
                    + $"orientation — errors {string.Join("; ", kept)}, each nearer the {floorName} than to keeping nothing{unmeasured}."
            : $"Claim 1 does not hold at this preset: {string.Join("; ", lost)} {(lost.Count == 1 ? "is" : "are")} nearer keeping nothing than "
                + $"the {floorName}{(kept.Count > 0 ? $" (kept: {string.Join("; ", kept)})" : "")}{unmeasured}."
        );
        var gaze = FaceTranslationMetrics.GazeError;
        lines.Add(
            nothing.GetValueOrDefault(gaze) is null
                ? "Gaze is not measured on this corpus (no gaze estimator), so the review's observation is not checked."
            : Kept(paper, floor, nothing, gaze)
                ? $"Gaze is kept (error {Number(paper[gaze])}; {floorName} {Number(floor[gaze])}, nothing kept {Number(nothing[gaze])}), unlike the "
                    + "review's observation."
            : $"Gaze is not kept (error {Number(paper[gaze])}; {floorName} {Number(floor[gaze])}, nothing kept {Number(nothing[gaze])}), as the "
                + "review observed."
        );

        var latent = result.Speed.Single(s => s.Method == AcGanTranslationTable.LatentEncoder);
        var pixel = result.Speed.Single(s => s.Method == AcGanTranslationTable.PixelEncoder);
        var target = Number(latent.Target);
        lines.Add(
            (latent.Reached, pixel.Reached) switch
            {
                ({ } l, { } p) when l.WallSeconds < p.WallSeconds =>
                    $"Claim 2 holds: the latent-MSE encoder reaches held-out pixel reconstruction MSE ≤ {target} after {Seconds(l.WallSeconds)} "
                        + $"(step {l.Step}), the pixel-loss encoder after {Seconds(p.WallSeconds)} (step {p.Step}).",
                ({ } l, { } p) =>
                    $"Claim 2 does not hold at this preset: the pixel-loss encoder reaches held-out pixel reconstruction MSE ≤ {target} after "
                        + $"{Seconds(p.WallSeconds)} (step {p.Step}), the latent-MSE encoder only after {Seconds(l.WallSeconds)} (step {l.Step}).",
                _ => "Claim 2 cannot be judged: an encoder logged no reconstruction error.",
            }
        );
        return lines;
    }

    // The errors of a translation that keeps every factor, where the truth is read on the input itself.
    private static readonly IReadOnlyDictionary<string, double?> RealCorpusFloor = new Dictionary<string, double?>
    {
        [FaceTranslationMetrics.YawError] = 0,
        [FaceTranslationMetrics.RollError] = 0,
    };

    /// <summary>Whether the method's error is below the midpoint between the real pairs' error and keeping nothing's.</summary>
    public static bool Kept(
        IReadOnlyDictionary<string, double?> method,
        IReadOnlyDictionary<string, double?> realPairs,
        IReadOnlyDictionary<string, double?> nothingKept,
        string key
    ) =>
        method.GetValueOrDefault(key) is { } m
        && realPairs.GetValueOrDefault(key) is { } floor
        && nothingKept.GetValueOrDefault(key) is { } none
        && m < (floor + none) / 2;

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "—";

    private static string Seconds(double seconds) => seconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}

using System.Globalization;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Evaluation.SpeechToFace;
using static Dino.Repro.App.Reproduce.Wav2PixTables;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// Whether the thesis' claims hold in a measured table, one sentence each with the rule that decided it. An IS difference
/// counts only when it exceeds the two rows' IS spreads added; "collapsed" means less than half the diversity of the real
/// faces; identity accuracy "realistic" from 50 %; hair agreement near chance below 65 %.
/// </summary>
public static class Wav2PixVerdicts
{
    private const FacePairSplit Train = FacePairSplit.Train,
        Unseen = FacePairSplit.UnseenUtterances,
        Speakers = FacePairSplit.UnseenSpeakers;

    private static string F(double? v) => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) : "—";

    private static string P(double? v) => v is { } x ? (100 * x).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—";

    public static IReadOnlyList<string> Table2(SpeechToFaceResult r)
    {
        var real = r.Value(SpeechToFaceTable.RealFaces, SpeechToFaceMetrics.Diversity, Unseen);
        var collapsed = new[] { Projecting, Concatenating, SaganRates, AcGan }
            .Select(m => (m, d: r.Value(m, SpeechToFaceMetrics.Diversity, Unseen)))
            .ToList();
        var allCollapsed = real is { } rd && collapsed.All(c => c.d < 0.5 * rd);
        return
        [
            $"One-hot conditioning collapses to one face per speaker: {(allCollapsed ? "holds" : "does not hold")} — diversity of the "
                + $"rows without dropout {string.Join(", ", collapsed.Select(c => F(c.d)))} against {F(real)} for the real faces "
                + "(collapsed: below half of it).",
            IsClaim(r, SaganRates, Concatenating, "Spectral norm with the SAGAN learning rates beats batch norm (IS 2.05 → 3.00)"),
            IsClaim(r, SaganRates, WithDropouts, "Dropouts lower the IS (by about 0.4)")
                + $" Dropouts' diversity: {F(r.Value(WithDropouts, SpeechToFaceMetrics.Diversity, Unseen))} against "
                + $"{F(r.Value(SaganRates, SpeechToFaceMetrics.Diversity, Unseen))} without (the thesis: a little stochasticity).",
            IsClaim(r, Projecting, Concatenating, "Projecting the one-hot vector scores a higher IS than concatenating it (2.91 vs 2.05)"),
            IsClaim(r, Projecting, AcGan, "The AC-GAN scores a lower IS than the projecting LS-GAN (2.12 vs 2.91)"),
        ];
    }

    public static IReadOnlyList<string> Table3(SpeechToFaceResult r)
    {
        double? Acc(string m, FacePairSplit s) => r.Value(m, SpeechToFaceMetrics.IdentityAccuracy, s);
        var train = Acc(Waveform, Train);
        var unseen = Acc(Waveform, Unseen);
        var hair = r.Value(Waveform, SpeechToFaceMetrics.HairAgreement, Speakers);
        var realistic = train >= 0.5;
        var noUtterances = train is { } t && unseen is { } u && u < t - 0.2;
        var noSpeakers = hair is null ? (bool?)null : hair < 0.65;
        var withOneHot = Acc(WaveformOneHot, Train);
        var icassp = Acc(Icassp, Unseen);
        var mel = Acc(MelInput, Train);
        var realHair = r.Value(SpeechToFaceTable.RealFaces, SpeechToFaceMetrics.HairAgreement, Speakers);
        return
        [
            $"Speech-to-face is realistic on training utterances: {(realistic ? "holds" : "does not hold")} — the waveform row's faces "
                + $"are judged their speaker's {P(train)} of the time (real faces: {P(Acc(SpeechToFaceTable.RealFaces, Train))}; "
                + "realistic: from 50 %).",
            $"It does not generalise to unseen utterances: {(noUtterances ? "holds" : "does not hold")} — identity accuracy "
                + $"{P(unseen)} on held-out utterances of the same speakers against {P(train)} on training ones (holds: 20 points lower).",
            noSpeakers is null
                ? "Unseen speakers: the corpus records no trait to check a face against, or holds no speaker out."
                : $"Nor to unseen speakers: {(noSpeakers.Value ? "holds" : "does not hold")} — the faces' hair matches the voice "
                    + $"{P(hair)} of the time for speakers never heard (chance: about 50 %; real faces {P(realHair)}).",
            $"Waveform ≈ waveform + one-hot: {(train is { } a && withOneHot is { } b && Math.Abs(a - b) < 0.1 ? "holds" : "does not hold")} — "
                + $"identity accuracy on training utterances {P(train)} against {P(withOneHot)} (holds: within 10 points).",
            $"A mel-spectrogram input fails to learn identity: {(mel is { } m && train is { } w0 && m < w0 - 0.2 ? "holds" : "does not hold")} — "
                + $"identity accuracy on training utterances {P(mel)} against the waveform's {P(train)} (holds: 20 points lower).",
            $"The ICASSP Wav2Pix (identity loss, matching-aware D) generalises better to unseen utterances: "
                + $"{(icassp is { } i && unseen is { } w && i > w + 0.05 ? "holds" : "does not hold")} — {P(icassp)} against the thesis' "
                + $"{P(unseen)} (holds: 5 points higher).",
        ];
    }

    // "a beats b" on IS: holds when a's mean exceeds b's by more than their spreads added; within them, not shown.
    private static string IsClaim(SpeechToFaceResult r, string a, string b, string claim)
    {
        double? Is(string m) => r.Value(m, SpeechToFaceMetrics.InceptionScore, Unseen);
        double Std(string m) => r.Value(m, SpeechToFaceMetrics.InceptionScoreStd, Unseen) ?? 0;
        if (Is(a) is not { } x || Is(b) is not { } y)
            return $"{claim}: not measured.";
        var spread = Std(a) + Std(b);
        var verdict =
            x - y > spread ? "holds"
            : y - x > spread ? "does not hold (the reverse)"
            : "not shown (inside the spread)";
        return $"{claim}: {verdict} — IS {F(x)} ± {F(Std(a))} against {F(y)} ± {F(Std(b))}.";
    }
}

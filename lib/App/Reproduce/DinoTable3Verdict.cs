using System.Globalization;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// Whether DINO's Table 3 claims hold in a measured table. The paper's ordering: DINO and the Perceptual GAN far ahead of
/// the conditional WaveGAN and CycleGAN on WER and STOI (holds when each of the two is better than each of the other two
/// on both); and DINO ahead of the Perceptual GAN on STOI and WER (its own claim over the strongest baseline).
/// </summary>
public static class DinoTable3Verdict
{
    public static IReadOnlyList<string> For(DinoTable3Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double Stoi(string m) => result.Scores[m].Stoi ?? double.NaN;
        double Wer(string m) => result.Scores[m].Wer;
        string Cells(string m) => $"{m} STOI {Number(Stoi(m))}, WER {Percent(Wer(m))}";
        string[] strong = [DinoTable3.Dino, DinoTable3.PerceptualGan],
            weak = [DinoTable3.WaveGan, DinoTable3.CycleGan];
        var ahead = strong.All(s => weak.All(w => Stoi(s) > Stoi(w) && Wer(s) < Wer(w)));
        var cells = string.Join("; ", strong.Concat(weak).Select(Cells));
        var lines = new List<string>
        {
            ahead
                ? "The paper's ordering holds: DINO and the Perceptual GAN are ahead of the conditional WaveGAN and CycleGAN on both STOI "
                    + $"and WER ({cells})."
                : "The paper's ordering does not hold at this preset: DINO and the Perceptual GAN are not both ahead of both the conditional "
                    + $"WaveGAN and CycleGAN on STOI and WER ({cells}).",
        };
        var dinoAhead = Stoi(DinoTable3.Dino) > Stoi(DinoTable3.PerceptualGan) && Wer(DinoTable3.Dino) < Wer(DinoTable3.PerceptualGan);
        var pair = $"{Cells(DinoTable3.Dino)}; {Cells(DinoTable3.PerceptualGan)}";
        lines.Add(
            dinoAhead
                ? $"DINO is ahead of the Perceptual GAN on STOI and WER, as the paper reports ({pair})."
                : $"DINO is not ahead of the Perceptual GAN on both STOI and WER here ({pair})."
        );
        var truth = result.Scores[DinoTable3.GroundTruth];
        lines.Add(
            $"The recogniser's own WER on the real speech is {Percent(truth.Wer)} (Table 3's ground truth: 5.4 %): every row's WER includes it."
        );
        return lines;
    }

    private static string Number(double value) => double.IsNaN(value) ? "—" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

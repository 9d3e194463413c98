using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;

namespace Dino.Repro.Evaluation.Speech;

/// <summary>One test utterance: its real speech, the speech a method made for its video, and the sentence said.</summary>
public sealed record SpokenClip(string Name, float[] Real, float[] Generated, string Sentence);

/// <summary>
/// DINO Table 3's columns for one method: PESQ (narrow-band P.862 raw MOS, whose ceiling 4.5 is the table's ground truth),
/// STOI, MCD (the ESPnet variant, Table 3's scale) — each the mean over the clips, each clip's real speech the reference —
/// and WER, the recogniser's word errors summed over the clips (jiwer's way). A clip a metric cannot score (generated
/// silence) is left out of that metric's mean and counted.
/// </summary>
public sealed record SpeechReconstructionScores(double? Pesq, double? Stoi, double? Mcd, double Wer, int Clips, int Unscorable)
{
    public const string PesqKey = "pesq",
        StoiKey = "stoi",
        McdKey = "mcd",
        WerKey = "wer";

    /// <summary>The keys in Table 3's column order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [PesqKey, StoiKey, McdKey, WerKey];

    public static IReadOnlyList<string> Headers { get; } = ["PESQ", "STOI", "MCD", "WER %"];

    public static bool LowerIsBetter(string key) => key is McdKey or WerKey;

    /// <summary>The scores as results.json and the table hold them (WER as a fraction).</summary>
    public Dictionary<string, double?> Values() =>
        new()
        {
            [PesqKey] = Pesq,
            [StoiKey] = Stoi,
            [McdKey] = Mcd,
            [WerKey] = Wer,
        };

    /// <summary>Scores <paramref name="clips"/> at <paramref name="sampleRate"/>, transcribing each generated clip.</summary>
    public static SpeechReconstructionScores Of(IReadOnlyList<SpokenClip> clips, GridTranscriber recogniser, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(recogniser);
        if (clips.Count == 0)
            throw new ArgumentException("no clips to score", nameof(clips));
        var pesq = new List<double>();
        var stoi = new List<double>();
        var mcd = new List<double>();
        var errors = default(WordErrorCounts);
        var unscorable = 0;
        foreach (var clip in clips)
        {
            try
            {
                // All three or none, so every mean is over the same clips.
                var quality = PerceptualEvaluationOfSpeechQuality.Compute(clip.Real, clip.Generated, sampleRate, PesqMode.Narrowband).RawMos;
                var intelligibility = ShortTimeObjectiveIntelligibility.Compute(clip.Real, clip.Generated, sampleRate).Value;
                var distance = SptkMelCepstralDistance.Compute(clip.Real, clip.Generated, sampleRate, McdVariant.Espnet).Value;
                pesq.Add(quality);
                stoi.Add(intelligibility);
                mcd.Add(distance);
            }
            catch (ArgumentException)
            {
                unscorable++; // e.g. silence, which no reference-based metric defines
            }
            var heard = recogniser.Transcribe(new AudioBuffer([clip.Generated], sampleRate));
            errors += WordErrorRate.Count(WordErrorRate.Words(clip.Sentence), WordErrorRate.Words(heard));
        }
        double? Mean(List<double> values) => values.Count == 0 ? null : values.Average();
        return new SpeechReconstructionScores(Mean(pesq), Mean(stoi), Mean(mcd), errors.Wer, clips.Count, unscorable);
    }
}

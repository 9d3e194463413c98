namespace Dino.Repro.Evaluation.SpeechToFace;

/// <summary>
/// The speech-to-face metrics that need only the judge's readings and the speakers: the kit's table implied by the thesis
/// (Inception Score) and the ICASSP paper (FID, identity accuracy), plus the two checks the embedded corpus allows —
/// whether the face follows the voice's recorded trait, and how varied one speaker's faces are.
/// </summary>
public static class SpeechToFaceMetrics
{
    public const string IdentityAccuracy = "identity_accuracy",
        InceptionScore = "inception_score",
        InceptionScoreStd = InceptionScore + StdSuffix,
        InceptionIs = "inception_score_inception",
        InceptionFid = "fid_inception",
        Fid = "fid_judge",
        HairAgreement = "hair_agreement",
        Diversity = "within_identity_diversity";

    /// <summary>Appended to an Inception Score's key for its spread over the parts.</summary>
    public const string StdSuffix = "_std";

    /// <summary>Hair at least this long (the corpus' 0 … 0.9 scale) reads as long: female voices get 0.6 – 0.9.</summary>
    public const double LongHair = 0.3;

    /// <summary>
    /// The share of faces the judge gives to their own speaker: argmax of <paramref name="probabilities"/> [N, K] = <paramref name="labels"/>.
    /// </summary>
    public static double Accuracy(Tensor probabilities, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        return probabilities.argmax(1).eq(labels).to(ScalarType.Float64).mean().ToDouble();
    }

    /// <summary>
    /// The share of faces whose hair, as the judge reads it (<paramref name="hairReading"/> [N]), is long exactly when
    /// their speaker's recorded hair is (<paramref name="hairByLabel"/>): on voice-faces, whether the face matches the
    /// voice's sex — measurable on speakers never trained on.
    /// </summary>
    public static double TraitAgreement(Tensor hairReading, Tensor labels, IReadOnlyList<double> hairByLabel)
    {
        ArgumentNullException.ThrowIfNull(hairReading);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(hairByLabel);
        var read = hairReading.to(ScalarType.Float64).data<double>().ToArray();
        var speakers = labels.to(ScalarType.Int64).data<long>().ToArray();
        if (read.Length != speakers.Length || read.Length == 0)
            throw new ArgumentException($"{read.Length} readings for {speakers.Length} speakers");
        return speakers.Select((s, i) => (read[i] >= LongHair) == (hairByLabel[(int)s] >= LongHair) ? 1.0 : 0.0).Average();
    }

    /// <summary>
    /// How varied each speaker's faces are: per speaker with at least two faces, the mean over pairs of the RMS pixel
    /// difference (faces in [−1, 1]), averaged over those speakers. A generator that draws one face per speaker scores 0.
    /// </summary>
    public static double? WithinIdentityDiversity(Tensor faces, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        var flat = faces.flatten(1).to(ScalarType.Float64);
        var pixels = flat.size(1);
        var perSpeaker = new List<double>();
        foreach (var speaker in labels.to(ScalarType.Int64).data<long>().ToArray().Distinct().Order())
        {
            var rows = flat.index_select(0, labels.eq(Scalars.Of(speaker)).nonzero().squeeze(1));
            var n = rows.size(0);
            if (n < 2)
                continue;
            // cdist's diagonal is 0, so the sum over all ordered pairs divided by n(n − 1) is the mean over distinct pairs.
            var distances = torch.cdist(rows, rows) / Scalars.Of(Math.Sqrt(pixels));
            perSpeaker.Add(distances.sum().ToDouble() / (n * (n - 1)));
        }
        return perSpeaker.Count == 0 ? null : perSpeaker.Average();
    }
}

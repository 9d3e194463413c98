namespace Dino.Repro.Evaluation.FaceTranslation;

/// <summary>
/// The table Dong et al.'s translation implies (the paper prints none): what a domain translation should change and keep,
/// measured on the test faces. Keys as results.json names them, headers as the report prints them, and which way is better.
/// </summary>
public static class FaceTranslationMetrics
{
    public const string TargetRate = "target_domain_rate",
        YawError = "yaw_error",
        RollError = "roll_error",
        MouthError = "mouth_error",
        GazeError = "gaze_error",
        Fid = "fid_judge",
        FidInception = "fid_inception",
        PixelReconstruction = "pixel_reconstruction",
        LatentReconstruction = "latent_reconstruction";

    /// <summary>The keys in the table's column order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [TargetRate, YawError, RollError, MouthError, GazeError, Fid, FidInception, PixelReconstruction, LatentReconstruction];

    /// <summary>The column headers, in <see cref="Keys"/> order.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "Target domain %",
        "Yaw err. °",
        "Roll err. °",
        "Mouth err.",
        "Gaze err.",
        "FID (judge)",
        "FID (Inception)",
        "Pixel rec. MSE",
        "Latent rec. MSE",
    ];

    /// <summary>Whether the key is shown as a percentage (stored as a fraction).</summary>
    public static bool IsPercentage(string key) => key == TargetRate;

    public static bool LowerIsBetter(string key) => key != TargetRate;

    /// <summary>
    /// The fraction of translations the judge reads as their target domain: mean of [p_male ≥ ½] = [target is male].
    /// </summary>
    /// <param name="maleProbability">The judge's probability of the male-like domain per translation [N].</param>
    /// <param name="targetClasses">The domain each was translated to [N] (0 female-like, 1 male-like).</param>
    public static double TargetDomainRate(Tensor maleProbability, Tensor targetClasses)
    {
        ArgumentNullException.ThrowIfNull(maleProbability);
        ArgumentNullException.ThrowIfNull(targetClasses);
        if (maleProbability.numel() != targetClasses.numel() || maleProbability.numel() == 0)
            throw new ArgumentException($"{maleProbability.numel()} probabilities for {targetClasses.numel()} targets");
        using var scope = torch.NewDisposeScope();
        var readAsMale = maleProbability.ge(Scalars.Of(0.5)).to(ScalarType.Int64);
        return readAsMale.eq(targetClasses.to(ScalarType.Int64)).to(ScalarType.Float64).mean().ToDouble();
    }

    /// <summary>
    /// Mean absolute errors between the factors read on translations and the factors the inputs were drawn with, both [N, 5]
    /// in (yaw °, roll °, mouth, gaze_x, gaze_y): yaw, roll and mouth each, gaze over both axes.
    /// </summary>
    public static IReadOnlyDictionary<string, double> FactorErrors(Tensor read, Tensor truth)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(truth);
        if (!read.shape.SequenceEqual(truth.shape) || read.dim() != 2 || read.size(1) != 5)
            throw new ArgumentException($"factors must both be [N, 5], got [{string.Join(", ", read.shape)}] and [{string.Join(", ", truth.shape)}]");
        using var scope = torch.NewDisposeScope();
        var error = (read.to(ScalarType.Float64) - truth.to(ScalarType.Float64)).abs().mean([0L]);
        var e = error.data<double>().ToArray();
        return new Dictionary<string, double>
        {
            [YawError] = e[0],
            [RollError] = e[1],
            [MouthError] = e[2],
            [GazeError] = (e[3] + e[4]) / 2,
        };
    }

    /// <summary>
    /// Mean absolute yaw and roll errors in degrees between poses read on translations and on their inputs, both [N, 2]
    /// in (yaw °, roll °): where no factors are recorded (a real corpus), the head-pose estimator's reading of the input is
    /// the truth a translation should keep.
    /// </summary>
    public static IReadOnlyDictionary<string, double> PoseErrors(Tensor read, Tensor truth)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(truth);
        if (!read.shape.SequenceEqual(truth.shape) || read.dim() != 2 || read.size(1) != 2)
            throw new ArgumentException($"poses must both be [N, 2], got [{string.Join(", ", read.shape)}] and [{string.Join(", ", truth.shape)}]");
        using var scope = torch.NewDisposeScope();
        var e = (read.to(ScalarType.Float64) - truth.to(ScalarType.Float64)).abs().mean([0L]).data<double>().ToArray();
        return new Dictionary<string, double> { [YawError] = e[0], [RollError] = e[1] };
    }

    /// <summary>
    /// The factor errors of a translation that keeps nothing of its input: each factor guessed as its median over
    /// <paramref name="truth"/> [N, 5] (the constant with the least absolute error), scored as <see cref="FactorErrors"/> scores.
    /// </summary>
    public static IReadOnlyDictionary<string, double> ConstantGuessErrors(Tensor truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        using var scope = torch.NewDisposeScope();
        return FactorErrors(MedianGuess(truth), truth);
    }

    /// <summary>The pose errors of keeping nothing: yaw and roll each guessed as its median over <paramref name="truth"/> [N, 2].</summary>
    public static IReadOnlyDictionary<string, double> ConstantGuessPoseErrors(Tensor truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        using var scope = torch.NewDisposeScope();
        return PoseErrors(MedianGuess(truth), truth);
    }

    // The lower median of an even count, as torch.median gives it: any value between the two middle ones has the least error.
    private static Tensor MedianGuess(Tensor truth)
    {
        var (sorted, _) = truth.sort(0);
        return sorted.select(0, (truth.size(0) - 1) / 2).unsqueeze(0).expand_as(truth);
    }
}

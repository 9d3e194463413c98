namespace Dino.Repro.App.Reproduce;

/// <summary>
/// DINO (ICLR 2021) Table 4, the ablation on CelebAMask-HQ at 256² (appendix A.3), as printed (accuracies in %).
/// The paper prints no Ground Truth row here; the protocol is Table 1's, so its Ground Truth row stands beside the kit's.
/// </summary>
public static class PaperTable4
{
    public const string WithL1 = "DINO w L1";
    public const string WithoutL1 = "DINO w/o L1";
    public const string WithoutL1FixedMargin = "DINO w/o L1 no balance fixed margin";

    /// <summary>Rows by method; values in <see cref="Table1Metrics.Headers"/> order.</summary>
    public static IReadOnlyDictionary<string, double?[]> Rows { get; } =
        new Dictionary<string, double?[]>
        {
            [PaperTable1.GroundTruth] = PaperTable1.Rows[PaperTable1.GroundTruth],
            [WithL1] = [12.08, 0.38, 0.49, 51.5, 96.8, 69.7],
            [WithoutL1] = [11.34, 0.36, 0.41, 69.9, 96.8, 69.4],
            [WithoutL1FixedMargin] = [10.25, 0.31, 0.31, 89.5, 93.3, 58.8],
        };
}

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// DINO (ICLR 2021) Table 1, CelebAMask-HQ at 256², as printed (accuracies in %). The text extraction of the
/// Ground Truth row lost one cell; read with the paper's layout it is PSNR —, SSIM 1.00, CPBD 0.54, FID —,
/// Pix. Acc. 93.4 %, mIoU 62.1 %.
/// </summary>
public static class PaperTable1
{
    public const string GroundTruth = "Ground Truth";
    public const string Pix2Pix = "Pix2Pix";
    public const string BicycleGan = "BiCycleGAN";
    public const string Dino = "DINO";
    public const string DinoBidirectional = "DINO (Bidirectional)";

    /// <summary>Rows by method; values in <see cref="Table1Metrics.Headers"/> order.</summary>
    public static IReadOnlyDictionary<string, double?[]> Rows { get; } =
        new Dictionary<string, double?[]>
        {
            [GroundTruth] = [null, 1.00, 0.54, null, 93.4, 62.1],
            [Pix2Pix] = [11.61, 0.35, 0.52, 59.1, 93.9, 63.1],
            [BicycleGan] = [10.47, 0.31, 0.50, 60.4, 90.5, 52.6],
            [Dino] = [12.08, 0.38, 0.49, 51.5, 96.8, 69.7],
            [DinoBidirectional] = [12.18, 0.37, 0.42, 55.0, 96.2, 67.3],
        };
}

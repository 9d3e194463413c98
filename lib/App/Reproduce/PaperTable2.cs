namespace Dino.Repro.App.Reproduce;

/// <summary>
/// DINO (ICLR 2021) Table 2, Cityscapes labels → photo at 256², as printed (accuracies in %). The paper's Table 2 has
/// no FID column (null here). The text extraction of the Ground Truth row lost one cell; read with the paper's layout
/// it is PSNR —, SSIM 1.00, CPBD 0.72, Pix. Acc. 93.9 %, mIoU 44.1 %. SPADE is the authors' pretrained model, not
/// something the kit trains: it stays in the paper's numbers only.
/// </summary>
public static class PaperTable2
{
    public const string Spade = "SPADE";

    /// <summary>Rows by method; values in <see cref="Table1Metrics.Headers"/> order (FID always null).</summary>
    public static IReadOnlyDictionary<string, double?[]> Rows { get; } =
        new Dictionary<string, double?[]>
        {
            [PaperTable1.GroundTruth] = [null, 1.00, 0.72, null, 93.9, 44.1],
            [PaperTable1.Pix2Pix] = [15.96, 0.37, 0.68, null, 89.4, 30.7],
            [PaperTable1.BicycleGan] = [14.77, 0.32, 0.66, null, 79.9, 21.3],
            [Spade] = [15.97, 0.38, 0.72, null, 92.8, 38.3],
            [PaperTable1.Dino] = [16.44, 0.41, 0.71, null, 91.4, 35.9],
            [PaperTable1.DinoBidirectional] = [16.78, 0.42, 0.72, null, 91.3, 35.2],
        };
}

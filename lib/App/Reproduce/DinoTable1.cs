using Dino.Repro.IO;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// DINO's Table 1: pix2pix, BicycleGAN, one-way and bidirectional DINO trained at the same preset and scored on the
/// test split, with the paper's CelebAMask-HQ numbers alongside. smoke and cpu use the embedded Shapes corpus, where
/// only the comparison between methods means anything; paper trains on the real CelebAMask-HQ.
/// </summary>
public sealed class DinoTable1 : ImageToImageTable
{
    public const string TableName = "dino-table1";

    public override string Name => TableName;
    public override string Description =>
        "DINO (ICLR 2021) Table 1: pix2pix, BicycleGAN, DINO, bidirectional DINO — PSNR/SSIM/CPBD/FID/pixel accuracy/mIoU (smoke/cpu: the embedded "
        + "Shapes corpus; paper: CelebAMask-HQ)";

    // paper: the real CelebAMask-HQ at 256² on a GPU, scored with its face parser and Inception (evaluators.sh).
    public override IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];
    public override string Title => "DINO Table 1";
    public override string PaperSetting => "CelebAMask-HQ at 256² after 200 epochs";
    public override IReadOnlyDictionary<string, double?[]> PaperRows => PaperTable1.Rows;
    public override IEnumerable<string> Notes =>
        ["Paper's Ground Truth row: the text extraction dropped a cell; it is read as PSNR —, SSIM 1.00, CPBD 0.54, FID —."];

    public override IReadOnlyList<TableMethod> Methods { get; } =
    [
        new(PaperTable1.Pix2Pix, Pix2PixExperiment.Name),
        new(PaperTable1.BicycleGan, BicycleGanExperiment.Name),
        new(PaperTable1.Dino, DinoExperiment.Name),
        new(PaperTable1.DinoBidirectional, BidirectionalDinoExperiment.Name),
    ];
}

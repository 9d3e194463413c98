using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.IO;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// DINO's Table 2, Cityscapes labels → photo: Table 1's four methods. smoke/cpu train on the embedded Shapes-streets
/// corpus (Shapes scenes in Cityscapes' on-disk layout, read by the Cityscapes reader); paper trains on the real
/// Cityscapes at 256² (data-scripts/cityscapes.sh), scored with a Cityscapes DeepLabv3+ (data-scripts/CONVERSION.md).
/// </summary>
public sealed class DinoTable2 : ImageToImageTable
{
    public const string TableName = "dino-table2";

    public override string Name => TableName;
    public override string Description =>
        "DINO (ICLR 2021) Table 2: Cityscapes labels → photo, pix2pix/BicycleGAN/DINO/bidirectional DINO (smoke/cpu: the embedded Shapes-streets "
        + "corpus)";
    public override IReadOnlyList<Preset> Presets { get; } = [Preset.Smoke, Preset.Cpu, Preset.Paper];
    public override string Title => "DINO Table 2";
    public override string PaperSetting => "Cityscapes (train 2975, test = val 500) at 256²";
    public override IReadOnlyDictionary<string, double?[]> PaperRows => PaperTable2.Rows;
    public override IReadOnlyList<TableMethod> Methods => Table1.Methods;

    public override IEnumerable<string> Notes =>
        [
            "The paper's Table 2 has no FID column; its Ground Truth row lost a cell in the text extraction and is read as PSNR —, SSIM 1.00, CPBD "
                + "0.72.",
            $"The paper's SPADE row (pretrained by its authors, not trained here): PSNR {PaperTable2.Rows[PaperTable2.Spade][0]}, SSIM "
                + $"{PaperTable2.Rows[PaperTable2.Spade][1]}, "
                + $"CPBD {PaperTable2.Rows[PaperTable2.Spade][2]}, Pix. Acc. {PaperTable2.Rows[PaperTable2.Spade][4]} %, mIoU "
                + $"{PaperTable2.Rows[PaperTable2.Spade][5]} %.",
        ];

    private static readonly DinoTable1 Table1 = new();

    protected override IEnumerable<KeyValuePair<string, string>> TableOptions(Preset preset) =>
        [TableMethod.Set("corpus", preset == Preset.Paper ? CityscapesCorpus.CorpusName : ShapesStreetsCorpus.Name)];
}

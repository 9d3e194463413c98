namespace Dino.Repro.Data;

/// <summary>A corpus the kit knows: real (prepared by a data-script) or embedded (made on the spot).</summary>
public sealed record CorpusEntry(string Name, bool Embedded, string Description, string Layout);

/// <summary>
/// The image-to-image corpora and where real ones are expected: <c>$DINO_DATA/&lt;name&gt;</c>, or
/// <c>&lt;kit&gt;/.cache/data/&lt;name&gt;</c> when DINO_DATA is unset.
/// </summary>
public static class CorpusCatalog
{
    public const string DataVariable = "DINO_DATA";

    public static IReadOnlyList<CorpusEntry> All { get; } =
    [
        new("celebamask-hq", false, "CelebAMask-HQ: 30,000 faces 1024² with 19-label part masks 512² (DINO image-to-image)",
            "CelebA-HQ-img/, CelebAMask-HQ-mask-anno/, CelebA-HQ-to-CelebA-mapping.txt"),
        new("cityscapes", false, "Cityscapes gtFine: street scenes 2048×1024, 19 train ids (pix2pix/DINO labels→photo)",
            "leftImg8bit/<split>/<city>/, gtFine/<split>/<city>/"),
        new("shapes", true, "Shapes: label maps of stripes, boxes, discs, triangles → textured photos (smoke 32 @ 64², cpu 2000 @ 64²)",
            "CelebAMask-HQ layout (photos as PNG)"),
    ];

    /// <summary>Where a real corpus is expected on disk (whether or not it is there).</summary>
    public static string ExpectedPath(string name, string kitRoot)
    {
        var data = Environment.GetEnvironmentVariable(DataVariable);
        return Path.Combine(string.IsNullOrEmpty(data) ? Path.Combine(kitRoot, ".cache", "data") : data, name);
    }
}

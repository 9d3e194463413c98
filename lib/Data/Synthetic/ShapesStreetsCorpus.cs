using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The Shapes scenes written in Cityscapes' on-disk layout, so <see cref="CityscapesCorpus"/> reads them unchanged
/// (the smoke/cpu stand-in of DINO's Table 2): photos as <c>leftImg8bit/&lt;split&gt;/shapesville/&lt;stem&gt;_leftImg8bit.png</c>
/// and label ids as <c>gtFine/&lt;split&gt;/shapesville/&lt;stem&gt;_gtFine_labelIds.png</c>. Each Shapes class is
/// written as the label id of a Cityscapes class (see <see cref="LabelIdOf"/>), so the reader's label-id → train-id
/// mapping runs end to end. Shapes' test ids (id % 10 == 9) go to "val" (pix2pix's Cityscapes test set), all
/// others to "train".
/// </summary>
public static class ShapesStreetsCorpus
{
    public const string Name = "shapes-streets";
    public const string ManifestFile = "shapes-streets-corpus.json";
    public const string City = "shapesville";

    // Shapes label → Cityscapes label id (labels.py): background road (7), stripe building (11), box car (26),
    // disc traffic sign (20), triangle vegetation (21) — train ids 0, 2, 13, 7, 8.
    private static readonly int[] LabelIds = [7, 11, 26, 20, 21];

    /// <summary>The Cityscapes label id a Shapes label is written as.</summary>
    public static int LabelIdOf(int shapesLabel) => LabelIds[shapesLabel];

    /// <summary>The Cityscapes split an id is written into.</summary>
    public static string SplitOf(int id) => ShapesCorpus.SplitOf(id) == CelebASplit.Test ? "val" : "train";

    /// <summary>The file stem of example <paramref name="id"/> (city_sequence_frame, as Cityscapes names its frames).</summary>
    public static string StemOf(int id) => $"{City}_{id:D6}_000019";

    /// <summary>Writes the whole corpus under <paramref name="root"/> (created if needed) and returns it as a reader.</summary>
    public static CityscapesCorpus Write(string root, ShapesOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Count, 100_000);
        for (var id = 0; id < options.Count; id++)
        {
            var scene = ShapesCorpus.Render(options, id);
            var frame = new CityscapesFrame(SplitOf(id), City, StemOf(id));
            WriteFrame(root, frame, scene);
        }
        var manifest = new
        {
            corpus = Name,
            layout = "Cityscapes",
            count = options.Count,
            size = options.Size,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(root, ManifestFile), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        return new CityscapesCorpus(root);
    }

    private static void WriteFrame(string root, CityscapesFrame frame, ShapesScene scene)
    {
        var size = scene.Size;
        var photoPath = Path.Combine(root, CityscapesCorpus.PhotoFolder, frame.Split, frame.City, frame.Stem + "_leftImg8bit.png");
        var labelPath = Path.Combine(root, CityscapesCorpus.LabelFolder, frame.Split, frame.City, frame.Stem + "_gtFine_labelIds.png");
        Directory.CreateDirectory(Path.GetDirectoryName(photoPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(labelPath)!);
        using (var photo = torch.tensor(scene.Photo, [size, size, 3]))
            ImageIO.Write(photoPath, photo);
        var ids = scene.Labels.Select(label => (long)LabelIdOf(label)).ToArray();
        using var labels = torch.tensor(ids, [size, size]);
        LabelMap.Write(labelPath, labels);
    }

    /// <summary>`dino corpus make shapes-streets`; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = ShapesOptions.For(request);
        var reader = Write(root, options);
        return $"wrote {options.Count} Shapes-streets pairs at {options.Size}² (seed {options.Seed}) to {reader.Root}: "
            + $"{reader.Frames("train").Count} train, {reader.Frames("val").Count} val";
    }
}

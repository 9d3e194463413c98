namespace Dino.Repro.Data.CelebAMaskHq;

/// <summary>
/// Where CelebAMask-HQ keeps things (as unpacked from the official archive):
/// <c>CelebA-HQ-img/&lt;id&gt;.jpg</c> (1024², ids 0..29999), <c>CelebAMask-HQ-mask-anno/&lt;id / 2000&gt;/&lt;id:05d&gt;_&lt;part&gt;.png</c>
/// (512² binary masks, a file only for parts present) and <c>CelebA-HQ-to-CelebA-mapping.txt</c>
/// (<c>idx orig_idx orig_file</c>). Photos may also be <c>.png</c>: the embedded Shapes corpus writes lossless ones.
/// </summary>
public static class CelebAMaskHqLayout
{
    /// <summary>The corpus's name in the registry and under the data root.</summary>
    public const string CorpusName = "celebamask-hq";

    public const string PhotoFolder = "CelebA-HQ-img";
    public const string MaskFolder = "CelebAMask-HQ-mask-anno";
    public const string MappingFile = "CelebA-HQ-to-CelebA-mapping.txt";

    /// <summary>Mask files are grouped 2000 ids to a folder (face_parsing/Data_preprocessing/g_mask.py).</summary>
    public const int IdsPerMaskFolder = 2000;

    /// <summary>
    /// The 18 part names in merge order; part i becomes label i + 1 (0 is background), and a later part overwrites
    /// an earlier one where masks overlap, as g_mask.py does: <see cref="Vision.Palette.CelebAMaskHq"/>'s classes less
    /// background, so the two cannot drift apart.
    /// </summary>
    public static IReadOnlyList<string> Parts { get; } = Vision.Palette.CelebAMaskHq.ClassNames.Skip(1).ToArray();

    /// <summary>The label a part's pixels get after merging.</summary>
    public static int LabelOf(string part)
    {
        var index = Parts.ToList().IndexOf(part);
        return index >= 0
            ? index + 1
            : throw new ArgumentException($"'{part}' is not a CelebAMask-HQ part (valid: {string.Join(", ", Parts)})", nameof(part));
    }

    public static string MaskPath(string root, int id, string part) =>
        Path.Combine(root, MaskFolder, (id / IdsPerMaskFolder).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{id:D5}_{part}.png");

    /// <summary>The photo of <paramref name="id"/>: <c>.jpg</c> as the archive ships it, else <c>.png</c>.</summary>
    public static string PhotoPath(string root, int id)
    {
        var jpg = Path.Combine(root, PhotoFolder, $"{id}.jpg");
        if (File.Exists(jpg))
            return jpg;
        var png = Path.Combine(root, PhotoFolder, $"{id}.png");
        if (File.Exists(png))
            return png;
        throw new FileNotFoundException($"photo of CelebAMask-HQ id {id} not found: neither {Path.GetFullPath(jpg)} nor .png", jpg);
    }
}

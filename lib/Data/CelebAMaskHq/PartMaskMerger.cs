using Dino.Repro.Vision;

namespace Dino.Repro.Data.CelebAMaskHq;

/// <summary>Merges one id's per-part mask PNGs into the 19-label map (g_mask.py: later parts overwrite earlier ones).</summary>
public static class PartMaskMerger
{
    /// <summary>
    /// Returns int64 [H,W] labels at the masks' own size (512² in the real corpus). Parts without a file are absent
    /// from the image; an id with no part file at all, masks of different sizes or an unreadable PNG raise an error
    /// naming the file.
    /// </summary>
    public static Tensor Merge(string root, int id)
    {
        byte[]? labels = null;
        long height = 0,
            width = 0;
        string? first = null;
        foreach (var part in CelebAMaskHqLayout.Parts)
        {
            var path = CelebAMaskHqLayout.MaskPath(root, id, part);
            if (!File.Exists(path))
                continue;
            using var mask = ImageIO.Read(path, ImageReadMode.Unchanged);
            if (labels is null)
            {
                (height, width, first) = (mask.size(0), mask.size(1), path);
                labels = new byte[height * width];
            }
            else if (mask.size(0) != height || mask.size(1) != width)
            {
                throw new InvalidDataException($"{Path.GetFullPath(path)}: mask is {mask.size(1)}x{mask.size(0)} but {first} is {width}x{height}");
            }
            // Like the reference (im[:, :, 0] != 0): any non-zero first channel marks the part.
            using var plane = mask.select(2, 0).contiguous();
            var values = plane.to(ScalarType.Int32).ToArray<int>();
            var label = (byte)CelebAMaskHqLayout.LabelOf(part);
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] != 0)
                    labels[i] = label;
            }
        }
        if (labels is null)
        {
            var folder = Path.GetDirectoryName(CelebAMaskHqLayout.MaskPath(root, id, "skin"))!;
            throw new FileNotFoundException(
                $"no part mask of CelebAMask-HQ id {id} in {Path.GetFullPath(folder)} (expected {id:D5}_<part>.png)",
                folder
            );
        }
        using var bytes = torch.tensor(labels, [height, width]);
        return bytes.to(ScalarType.Int64);
    }
}

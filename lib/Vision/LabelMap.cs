using System.Text;

namespace Dino.Repro.Vision;

/// <summary>
/// Segmentation label maps: single-channel PNGs of class indices ↔ int64 [H,W] tensors, and class indices ↔
/// palette colours (for colour-mask inputs such as DINO's, and for reports).
/// </summary>
public static class LabelMap
{
    /// <summary>The "ignore" label (Cityscapes' 255): skipped by metrics, drawn in the ignore colour.</summary>
    public const int Ignore = 255;

    /// <summary>Reads a single-channel (8- or 16-bit) label PNG as int64 [H,W] class indices.</summary>
    public static Tensor Read(string path)
    {
        using var image = ImageIO.Read(path, ImageReadMode.Unchanged);
        var channels = image.size(2);
        if (channels != 1)
            throw new InvalidDataException(
                $"{Path.GetFullPath(path)}: a label map has one channel, this image has {channels}; read colour masks with {nameof(ReadColors)}"
            );
        using var scope = torch.NewDisposeScope();
        return image.squeeze(2).to(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    /// <summary>Writes [H,W] integer labels (0..255) as an 8-bit gray PNG (lossless: only .png is accepted).</summary>
    public static void Write(string path, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (ImageIO.FormatOf(path) != ImageFormat.Png)
            throw new ArgumentException($"'{path}': label maps are written as PNG (lossy formats change labels)", nameof(path));
        var values = Labels(labels, out var height, out var width);
        var bytes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is < 0 or > 255)
                throw new ArgumentException($"label {values[i]} at pixel {i % width},{i / width} does not fit an 8-bit label map", nameof(labels));
            bytes[i] = (byte)values[i];
        }
        using var image = torch.tensor(bytes, [height, width, 1]);
        ImageIO.Write(path, image);
    }

    /// <summary>
    /// Draws [H,W] class indices as uint8 [H,W,3] colours; <see cref="Ignore"/> pixels take <paramref name="ignoreColor"/> (black).
    /// </summary>
    public static Tensor Colorize(Tensor labels, Palette palette, Rgb? ignoreColor = null)
    {
        ArgumentNullException.ThrowIfNull(palette);
        var values = Labels(labels, out var height, out var width);
        var ignore = ignoreColor ?? new Rgb(0, 0, 0);
        var rgb = new byte[values.Length * 3];
        for (var i = 0; i < values.Length; i++)
        {
            var label = values[i];
            Rgb color;
            if (label >= 0 && label < palette.Count)
                color = palette.Colors[(int)label];
            else if (label == Ignore)
                color = ignore;
            else
                throw new ArgumentException(
                    $"label {label} at pixel {i % width},{i / width} is not a class of palette '{palette.Name}' (0..{palette.Count - 1}, or "
                        + $"{Ignore} = ignore)",
                    nameof(labels)
                );
            rgb[3 * i] = color.R;
            rgb[3 * i + 1] = color.G;
            rgb[3 * i + 2] = color.B;
        }
        return torch.tensor(rgb, [height, width, 3]);
    }

    /// <summary>
    /// Maps a uint8 [H,W,3] colour mask to int64 [H,W] class indices. A colour matches a class (or an ignore colour,
    /// giving <see cref="Ignore"/>) when within <paramref name="tolerance"/> (Euclidean RGB distance; 0 = exact, a few
    /// levels for JPEG-compressed masks). Colours that match nothing raise an error naming them, with pixel counts,
    /// a pixel position and <paramref name="source"/>.
    /// </summary>
    public static Tensor FromColors(Tensor rgb, Palette palette, double tolerance = 0, string source = "colour mask")
    {
        ArgumentNullException.ThrowIfNull(rgb);
        ArgumentNullException.ThrowIfNull(palette);
        if (rgb.dtype != ScalarType.Byte || rgb.dim() != 3 || rgb.size(2) != 3)
            throw new ArgumentException(
                $"{source}: expected a uint8 [H,W,3] colour mask, got {rgb.dtype.TorchName()} [{string.Join(",", rgb.shape)}]",
                nameof(rgb)
            );
        var height = rgb.size(0);
        var width = rgb.size(1);
        var pixels = rgb.ToArray<byte>();
        var lookup = new Dictionary<int, long>();
        var unknown = new Dictionary<int, (long count, long first)>();
        var labels = new long[height * width];
        for (long i = 0; i < labels.Length; i++)
        {
            var key = (pixels[3 * i] << 16) | (pixels[3 * i + 1] << 8) | pixels[3 * i + 2];
            if (!lookup.TryGetValue(key, out var label))
            {
                label = Match(palette, key, tolerance);
                lookup[key] = label;
            }
            if (label < 0)
            {
                unknown[key] = unknown.TryGetValue(key, out var seen) ? (seen.count + 1, seen.first) : (1, i);
            }
            labels[i] = label;
        }
        if (unknown.Count > 0)
            throw new InvalidDataException(UnknownColors(source, palette, unknown, width, tolerance));
        return torch.tensor(labels, [height, width]);
    }

    /// <summary>Reads a colour-mask image file and maps it to class indices (see <see cref="FromColors"/>).</summary>
    public static Tensor ReadColors(string path, Palette palette, double tolerance = 0)
    {
        using var rgb = ImageIO.Read(path, ImageReadMode.Rgb);
        return FromColors(rgb, palette, tolerance, Path.GetFullPath(path));
    }

    // The nearest class colour within tolerance (lowest class on ties), else the nearest ignore colour, else -1.
    private static long Match(Palette palette, int key, double tolerance)
    {
        var best = -1L;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < palette.Count; c++)
        {
            var d = Distance(palette.Colors[c], key);
            if (d < bestDistance)
                (best, bestDistance) = (c, d);
        }
        if (bestDistance <= tolerance)
            return best;
        foreach (var color in palette.IgnoreColors)
        {
            if (Distance(color, key) <= tolerance)
                return Ignore;
        }
        return -1;
    }

    private static double Distance(Rgb color, int key)
    {
        double dr = color.R - ((key >> 16) & 255),
            dg = color.G - ((key >> 8) & 255),
            db = color.B - (key & 255);
        return Math.Sqrt(dr * dr + dg * dg + db * db);
    }

    private static string UnknownColors(
        string source,
        Palette palette,
        Dictionary<int, (long count, long first)> unknown,
        long width,
        double tolerance
    )
    {
        var text = new StringBuilder($"{source}: {unknown.Count} colour(s) are not in palette '{palette.Name}'");
        if (tolerance > 0)
            text.Append($" (tolerance {tolerance})");
        text.Append(": ");
        var shown = unknown
            .OrderByDescending(kv => kv.Value.count)
            .Take(8)
            .Select(kv =>
                $"({(kv.Key >> 16) & 255},{(kv.Key >> 8) & 255},{kv.Key & 255}) × {kv.Value.count} px, first at x={kv.Value.first % width} "
                + $"y={kv.Value.first / width}"
            );
        text.Append(string.Join("; ", shown));
        if (unknown.Count > 8)
            text.Append($"; and {unknown.Count - 8} more");
        return text.ToString();
    }

    // Integer [H,W] labels as a flat array.
    private static long[] Labels(Tensor labels, out long height, out long width)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 2 || !labels.dtype.IsIntegral())
            throw new ArgumentException(
                $"expected integer [H,W] labels, got {labels.dtype.TorchName()} [{string.Join(",", labels.shape)}]",
                nameof(labels)
            );
        height = labels.size(0);
        width = labels.size(1);
        using var asLong = labels.to(ScalarType.Int64);
        return asLong.ToArray<long>();
    }
}

using Dino.Repro.Vision;

namespace Dino.Repro.Data.Cityscapes;

/// <summary>
/// pix2pix's aligned format: one image per pair, A on the left half and B on the right (for Cityscapes 512×256 JPEG
/// at quality 100, A = photo, B = the gtFine colour map). Split as AlignedDataset does: at w/2.
/// </summary>
public static class AlignedPairs
{
    /// <summary>Splits a uint8 [H,W,C] side-by-side image into its left (A) and right (B) halves.</summary>
    public static (Tensor a, Tensor b) Split(Tensor sideBySide, string source = "aligned image")
    {
        ArgumentNullException.ThrowIfNull(sideBySide);
        if (sideBySide.dim() != 3)
            throw new ArgumentException($"{source}: expected [H,W,C], got [{string.Join(",", sideBySide.shape)}]", nameof(sideBySide));
        var width = sideBySide.size(1);
        if (width < 2 || width % 2 != 0)
            throw new InvalidDataException($"{source}: an aligned A|B image has an even width, this one is {width} wide");
        var half = width / 2;
        return (sideBySide.narrow(1, 0, half).contiguous(), sideBySide.narrow(1, half, half).contiguous());
    }

    /// <summary>Joins two same-sized uint8 [H,W,C] images into A|B (how datasets/combine_A_and_B.py writes them).</summary>
    public static Tensor Join(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"A [{string.Join(",", a.shape)}] and B [{string.Join(",", b.shape)}] must have the same shape");
        return torch.cat([a, b], 1);
    }

    /// <summary>The pair files of an aligned folder (e.g. cityscapes/train), .jpg/.jpeg/.png in file-name order.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"aligned-pairs folder not found: {full}");
        return Directory
            .EnumerateFiles(full)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Reads one pair file as float [3,size,size] A and B in [-1,1] (each half resized on its own).</summary>
    public static (Tensor a, Tensor b) Load(string path, int size)
    {
        using var scope = torch.NewDisposeScope();
        var image = ImageIO.Read(path, ImageReadMode.Rgb);
        var (a, b) = Split(image, Path.GetFullPath(path));
        return (
            ImageTensor.ToChw(ImageResampling.Photo(a, size, size)).MoveToOuterDisposeScope(),
            ImageTensor.ToChw(ImageResampling.Photo(b, size, size)).MoveToOuterDisposeScope()
        );
    }
}

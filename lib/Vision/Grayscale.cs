namespace Dino.Repro.Vision;

/// <summary>RGB → grey conversions, each named after the toolkit whose numbers it reproduces.</summary>
public static class Grayscale
{
    /// <summary>
    /// Pillow's convert("L"): L = (19595·R + 38470·G + 7471·B + 32768) >> 16 on 8-bit values (ITU-R 601-2 luma,
    /// rounded) — the grey images the papers' metric toolkits compute PSNR/SSIM/CPBD on. [H,W,3] uint8 → [H,W] uint8.
    /// </summary>
    public static Tensor PillowLuma(Tensor rgb)
    {
        if (rgb.dim() != 3 || rgb.size(2) < 3 || rgb.dtype != ScalarType.Byte)
            throw new ArgumentException($"PillowLuma takes [H, W, 3] uint8 images, got [{string.Join(", ", rgb.shape)}] {rgb.dtype.TorchName()}");
        using var scope = torch.NewDisposeScope();
        var c = rgb.to(ScalarType.Int64);
        var luma = (c[.., .., 0] * Scalars.Of(19595) + c[.., .., 1] * Scalars.Of(38470) + c[.., .., 2] * Scalars.Of(7471) + Scalars.Of(32768)).div(
            torch.full(Array.Empty<long>(), Scalars.Of(65536), ScalarType.Int64),
            RoundingMode.floor
        );
        return luma.to(ScalarType.Byte).MoveToOuterDisposeScope();
    }
}

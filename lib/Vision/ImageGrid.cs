namespace Dino.Repro.Vision;

/// <summary>
/// Tiles a batch of images into one picture for reports, laid out like torchvision.utils.make_grid: up to
/// <c>columns</c> images per row, <c>padding</c> pixels around and between tiles.
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// [N,C,H,W] images (any dtype) → [C', rows·(H+padding)+padding, columns'·(W+padding)+padding] where
    /// columns' = min(columns, N), rows = ceil(N / columns'), and one-channel images become three (C' = 3, as in
    /// torchvision). Image i goes to row i / columns', column i % columns'; the rest is <paramref name="padValue"/>.
    /// </summary>
    public static Tensor Make(Tensor images, int columns = 8, int padding = 2, double padValue = 0)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"expected [N,C,H,W] images, got [{string.Join(",", images.shape)}]", nameof(images));
        if (columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "a grid needs at least one column");
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding cannot be negative");
        var count = images.size(0);
        if (count == 0)
            throw new ArgumentException("cannot make a grid of zero images", nameof(images));
        var (rows, cols) = Layout(count, columns);
        using var scope = torch.NewDisposeScope();
        var source = images.size(1) == 1 ? images.expand(-1, 3, -1, -1) : images;
        long channels = source.size(1),
            height = source.size(2),
            width = source.size(3);
        var grid = torch.full(
            [channels, rows * (height + padding) + padding, cols * (width + padding) + padding],
            Scalars.Of(padValue),
            source.dtype
        );
        for (var i = 0; i < count; i++)
        {
            var (top, left) = TileOrigin(i, cols, height, width, padding);
            grid.narrow(1, top, height).narrow(2, left, width).copy_(source.select(0, i));
        }
        return grid.MoveToOuterDisposeScope();
    }

    /// <summary>Stacks same-sized [C,H,W] images and tiles them (see <see cref="Make(Tensor,int,int,double)"/>).</summary>
    public static Tensor Make(IReadOnlyList<Tensor> images, int columns = 8, int padding = 2, double padValue = 0)
    {
        using var batch = ImageTensor.Batch(images);
        return Make(batch, columns, padding, padValue);
    }

    /// <summary>
    /// Writes float [N,C,H,W] images in <paramref name="range"/> as one PNG grid; padding is drawn in the 8-bit
    /// level <paramref name="padLevel"/> (0 = black, as torchvision's save_image).
    /// </summary>
    public static void Save(
        string path,
        Tensor images,
        int columns = 8,
        int padding = 2,
        PixelRange range = PixelRange.MinusOneToOne,
        byte padLevel = 0
    )
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = torch.NewDisposeScope();
        var bytes = images.dtype == ScalarType.Byte ? images : ImageTensor.ToHwc(images, range).permute(0, 3, 1, 2);
        var grid = Make(bytes, columns, padding, padLevel);
        ImageIO.Write(path, grid.permute(1, 2, 0).contiguous());
    }

    /// <summary>Rows and columns of the grid for <paramref name="count"/> images.</summary>
    public static (long rows, long columns) Layout(long count, int columns)
    {
        var cols = Math.Min(columns, count);
        return ((count + cols - 1) / cols, cols);
    }

    /// <summary>Top-left pixel of tile <paramref name="index"/> in a grid with <paramref name="columns"/> columns.</summary>
    public static (long top, long left) TileOrigin(long index, long columns, long height, long width, int padding) =>
        (index / columns * (height + padding) + padding, index % columns * (width + padding) + padding);
}

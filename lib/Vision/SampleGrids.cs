using Dino.Repro.Vision;

namespace Dino.Repro.Vision;

/// <summary>Tiles a batch of images into one picture, as torchvision's make_grid (padding 1, pad value -1).</summary>
public static class SampleGrids
{
    /// <summary>[N, C, H, W] → [C, rows·(H+1)+1, columns·(W+1)+1]; empty cells stay at the pad value.</summary>
    public static Tensor Tile(Tensor images, int columns, double padValue = -1)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException($"a sample grid needs [N, C, H, W] images, got {images.dim()} dimensions", nameof(images));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var (n, c, h, w) = (images.size(0), images.size(1), images.size(2), images.size(3));
        var rows = (n + columns - 1) / columns;
        using var scope = torch.NewDisposeScope();
        var cells = torch.full(new long[] { rows * columns, c, h + 1, w + 1 }, Scalars.Of(padValue), images.dtype, images.device);
        cells.index_put_(images.detach(), TensorIndex.Slice(0, n), TensorIndex.Colon, TensorIndex.Slice(1, h + 1), TensorIndex.Slice(1, w + 1));
        // [rows, cols, C, H+1, W+1] → [C, rows, H+1, cols, W+1]: each row of cells becomes a band of pixel rows.
        var grid = cells.reshape(rows, columns, c, h + 1, w + 1).permute(2, 0, 3, 1, 4).reshape(c, rows * (h + 1), columns * (w + 1));
        var framed = torch.full(new long[] { c, rows * (h + 1) + 1, columns * (w + 1) + 1 }, Scalars.Of(padValue), images.dtype, images.device);
        framed.index_put_(grid, TensorIndex.Colon, TensorIndex.Slice(0, rows * (h + 1)), TensorIndex.Slice(0, columns * (w + 1)));
        return framed.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One row per example, one column per tensor: <paramref name="columns"/> are [N, C, H, W] each (a condition, its
    /// target, what each model made of it), and row i shows example i of every column side by side.
    /// </summary>
    public static Tensor Rows(IReadOnlyList<Tensor> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new ArgumentException("a grid of rows needs at least one column", nameof(columns));
        using var scope = torch.NewDisposeScope();
        // [N, columns, C, H, W] → [N·columns, C, H, W]: Tile then lays each example's images out as one row.
        var tiles = torch.stack(columns.ToArray(), 1).flatten(0, 1);
        return Tile(tiles, columns.Count).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Writes a grid [C, H, W] in [-1, 1] (C = 1 grey or 3 RGB) as an 8-bit PNG, atomically: level round((x + 1)·127.5),
    /// out-of-range values clamped (torchvision's save_image on a grid normalised from [-1, 1]).
    /// </summary>
    public static void SavePng(Tensor grid, string path)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (grid.dim() != 3 || grid.size(0) is not (1 or 3))
            throw new ArgumentException($"a sample grid is [C, H, W] with 1 or 3 channels, got [{string.Join(", ", grid.shape)}]", nameof(grid));
        using var onCpu = grid.cpu(); // the encoder reads host memory; a grid from a CUDA run is copied over
        ImageTensor.Save(path, onCpu);
    }
}

using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Vision;

/// <summary>Grid layout as torchvision.utils.make_grid defines it: sizes, tile positions, padding.</summary>
public class ImageGridTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Tiles_land_row_by_row_with_padding_between_and_around()
    {
        const int n = 5,
            h = 3,
            w = 4,
            columns = 3,
            padding = 2;
        // Image i is filled with the value i + 1, so every grid pixel says which tile (or padding) it belongs to.
        var images = stack(Enumerable.Range(0, n).Select(i => full([3, h, w], Scalars.Of((float)(i + 1)))).ToArray());

        var grid = ImageGrid.Make(images, columns, padding, padValue: -1);

        const int rows = 2;
        Assert.Equal(new long[] { 3, rows * (h + padding) + padding, columns * (w + padding) + padding }, grid.shape);
        var values = grid.select(0, 1).ToArray<float>();
        var gridWidth = columns * (w + padding) + padding;
        for (var y = 0; y < grid.size(1); y++)
        for (var x = 0; x < gridWidth; x++)
        {
            int row = (y - padding) / (h + padding),
                col = (x - padding) / (w + padding);
            var inTile = y >= padding && x >= padding && (y - padding) % (h + padding) < h && (x - padding) % (w + padding) < w;
            var index = row * columns + col;
            var expected = inTile && index < n ? index + 1 : -1;
            Assert.Equal(expected, values[y * gridWidth + x]);
        }
    }

    [Fact]
    public void Fewer_images_than_columns_make_one_row_and_gray_becomes_rgb()
    {
        var grid = ImageGrid.Make(ones(2, 1, 5, 6), columns: 8, padding: 1);
        Assert.Equal(new long[] { 3, 5 + 2, 2 * (6 + 1) + 1 }, grid.shape);
        Assert.Equal((1L, 8L), ImageGrid.TileOrigin(1, 2, 5, 6, 1)); // row 0, column 1
        Assert.Equal(1.0f, grid[2, 2, 8].ToSingle());
        Assert.Equal(0.0f, grid[2, 2, 7].ToSingle());
    }

    [Fact]
    public void Saved_grid_is_a_png_of_the_grid_size_with_images_in_their_tiles()
    {
        var images = stack([full([3, 4, 4], Scalars.Of(-1.0)), full([3, 4, 4], Scalars.Of(1.0)), zeros(3, 4, 4)]);
        var file = temp.File("grid.png");

        ImageGrid.Save(file, images, columns: 2, padding: 2, padLevel: 50);

        var png = PngReference.Decode(File.ReadAllBytes(file));
        Assert.Equal((2 * 6 + 2, 2 * 6 + 2), (png.Width, png.Height));
        int Pixel(int x, int y) => png.Samples[(y * png.Width + x) * 3];
        Assert.Equal(50, Pixel(0, 0)); // padding
        Assert.Equal(0, Pixel(2, 2)); // image 0 = -1 → 0
        Assert.Equal(255, Pixel(8, 2)); // image 1 = +1 → 255
        Assert.Equal(128, Pixel(2, 8)); // image 2 = 0 → 127.5 → 128
        Assert.Equal(50, Pixel(8, 8)); // the empty last cell is padding colour
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageGrid.Make(zeros(3, 4, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Make(zeros(1, 3, 4, 4), columns: 0));
    }
}

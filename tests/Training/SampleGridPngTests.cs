using Dino.Repro.IO;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Training;

public class SampleGridPngTests
{
    [Fact]
    public void A_grid_is_written_as_8_bit_levels_of_x_plus_one_times_127_5_clamped()
    {
        using var temp = new Fixtures.TempFolder();
        // Channel 0: -1, 1, 0.2, 2 (clamped); channel 1 its negation; channel 2 zero except -0.6.
        float[] values = [-1f, 1f, 0.2f, 2f, 1f, -1f, -0.2f, -2f, 0f, 0f, 0f, -0.6f];
        using var grid = torch.tensor(values, new long[] { 3, 2, 2 });
        var path = temp.File(Path.Combine("samples", "step-000007.png"));
        SampleGrids.SavePng(grid, path);

        using var png = ImageIO.Read(path);
        Assert.Equal(new long[] { 2, 2, 3 }, png.shape);
        // (x + 1)·127.5: -1 → 0, 1 → 255, 0.2 → 153, 2 → 382.5 → 255, -0.2 → 102, 0 → 127.5 → 128 (half to even), -0.6 → 51.
        byte[] expected = [0, 255, 128, 255, 0, 128, 153, 102, 128, 255, 0, 51];
        Assert.Equal(expected, png.ToArray<byte>());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, ".*")); // no temporary file left beside it
    }

    [Fact]
    public void A_grid_that_is_not_one_or_three_channel_CHW_is_refused_with_its_shape()
    {
        using var temp = new Fixtures.TempFolder();
        using var four = torch.zeros(4, 5, 5);
        Assert.Contains("[4, 5, 5]", Assert.Throws<ArgumentException>(() => SampleGrids.SavePng(four, temp.File("x.png"))).Message);
        using var batch = torch.zeros(1, 3, 5, 5);
        Assert.Throws<ArgumentException>(() => SampleGrids.SavePng(batch, temp.File("x.png")));
    }

    [Fact]
    public void The_loops_sample_png_is_the_models_grid_at_that_step()
    {
        using var temp = new Fixtures.TempFolder();
        var overrides = TrainingFixtures.Set("steps=12", "sample_every=12", "checkpoint_every=12");
        var result = TrainingFixtures.Trainer(temp.Root).Train("toy-gan", Preset.Smoke, overrides);
        using var png = ImageIO.Read(Path.Combine(result.RunDirectory, "samples", "step-000012.png"));

        // The same model, rebuilt from the step-12 checkpoint, draws the grid again; its levels are computed here.
        var definition = ToyGanExperiment.Definition;
        using var experiment = definition.Create(definition.Resolve(Preset.Smoke, overrides));
        Checkpoint.Load(experiment, result.LastCheckpoint!);
        using var scope = torch.NewDisposeScope();
        var grid = experiment.SampleGrid()!;
        var (c, h, w) = (grid.size(0), grid.size(1), grid.size(2));
        var chw = grid.contiguous().ToArray<float>();
        var expected = new byte[h * w * c];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        for (var k = 0; k < c; k++)
        {
            var level = MathF.Round((chw[(k * h + y) * w + x] + 1f) * 127.5f, MidpointRounding.ToEven);
            expected[(y * w + x) * c + k] = (byte)Math.Clamp(level, 0f, 255f);
        }
        Assert.Equal(new[] { h, w, c }, png.shape);
        Assert.Equal(expected, png.ToArray<byte>());
    }

    [Fact]
    public void Rows_put_example_i_of_every_column_side_by_side_in_row_i()
    {
        using var scope = torch.NewDisposeScope();
        // Two columns of two 1×2×2 images; pixel value = 10·column + example, so each cell says where it came from.
        var columns = new[] { 0.0, 10.0 }.Select(c => torch.tensor(new[] { c, c + 1 }).view(2, 1, 1, 1).expand(2, 1, 2, 2).contiguous()).ToArray();
        var grid = SampleGrids.Rows(columns);
        Assert.Equal(new long[] { 1, 2 * 3 + 1, 2 * 3 + 1 }, grid.shape); // 2 rows and 2 columns of 2×2 cells, padding 1
        double Cell(int row, int column) => grid[0, 1 + 3 * row, 1 + 3 * column].ToDouble();
        Assert.Equal((0.0, 10.0, 1.0, 11.0), (Cell(0, 0), Cell(0, 1), Cell(1, 0), Cell(1, 1)));
        Assert.Equal(-1.0, grid[0, 0, 0].ToDouble()); // the padding
    }
}

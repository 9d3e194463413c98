using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models.ListenAndMove;

namespace Dino.Repro.Tests.Models.ListenAndMove;

public class ListenAndMoveTableTests
{
    // The reference's GenNet at 128² for each row's flags (listen-and-move-gan 52bf4b2 under PyTorch 1.13).
    [Theory]
    [InlineData("Baseline (MfS)", 7_844_146)]
    [InlineData("Baseline + R+D-RNN", 7_897_210)]
    [InlineData("SaC", 8_139_058)]
    [InlineData("acIN", 7_969_138)]
    [InlineData("All Abv. + ConvGRU", 8_375_128)]
    [InlineData("DirConvGRU", 8_427_163)]
    public void Each_table_1_row_resolves_to_the_reference_generator_of_its_run(string name, long parameters)
    {
        var row = ListenAndMoveTable.Rows.Single(r => r.Name == name);
        var definition = BuiltInExperiments.Registry.Get(ListenAndMoveExperiment.Name);
        var options = (ListenAndMoveOptions)definition.Resolve(Preset.Paper, row.Overrides);
        Assert.Equal(128, options.ImageSize);
        using var generator = new SoundToVideoGenerator(options.Architecture);
        Assert.Equal(parameters, generator.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_rows_are_six_distinct_configurations_with_four_paper_cells_each()
    {
        Assert.Equal(6, ListenAndMoveTable.Rows.Select(r => (r.Route, r.MotionLayers, r.AudioConditionalNorm, r.Prediction)).Distinct().Count());
        Assert.All(ListenAndMoveTable.Rows, r => Assert.Equal(ListenAndMoveTable.Columns.Count, r.Paper.Length));
        Assert.Equal(["melodic", "harmonic", "percussive", "speech"], ListenAndMoveTable.Columns.Select(c => c.Source));
        Assert.All(ListenAndMoveTable.Table2, r => Assert.Equal(4, r.Fid.Length));
    }
}

using Dino.Repro.App.Reproduce;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.App.Reproduce;

public class TableRegistryTests
{
    [Fact]
    public void The_default_registry_holds_dino_table1_at_the_smoke_cpu_and_paper_presets()
    {
        var table = TableRegistry.Default.Get("dino-table1");
        Assert.IsType<DinoTable1>(table);
        Assert.Equal([Preset.Smoke, Preset.Cpu, Preset.Paper], table.Presets);
        Assert.Contains("dino-table1", TableRegistry.Default.Names);
    }

    [Fact]
    public void An_unknown_name_is_a_usage_error_listing_the_valid_ones()
    {
        var e = Assert.Throws<UsageException>(() => TableRegistry.Default.Get("table9"));
        Assert.Contains("'table9'", e.Message);
        Assert.Contains("dino-table1", e.Message);
    }

    [Fact]
    public void A_second_table_of_the_same_name_is_refused()
    {
        var registry = new TableRegistry().Register(new DinoTable1());
        Assert.Throws<ArgumentException>(() => registry.Register(new DinoTable1()));
    }

    [Fact]
    public void Cli_unknown_table_exits_2_and_lists_the_valid_ones()
    {
        var (code, _, stderr) = CliRunner.Run("reproduce", "table9", "--preset", "smoke");
        Assert.Equal(2, code);
        Assert.Contains("dino-table1", stderr);
    }

    [Fact]
    public void Cli_unknown_preset_exits_2_before_training_anything()
    {
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", "dino-table1", "--preset", "huge", "--out", output.Root);
        Assert.Equal(2, code);
        Assert.Contains("valid: smoke, cpu, paper", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(output.Root));
    }

    [Theory]
    [InlineData("--seeds", "0", "--seeds must be at least 1 (got 0)")]
    [InlineData("--corpus", "grid", "no image-to-image pairs in corpus 'grid'")]
    public void Cli_bad_seeds_or_a_corpus_without_pairs_exits_2_before_training_anything(string option, string value, string message)
    {
        using var output = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("reproduce", "dino-table1", "--preset", "smoke", "--out", output.Root, option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("training", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(output.Root));
    }
}

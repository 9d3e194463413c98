using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data;

public class CorpusCommandTests
{
    [Fact]
    public void List_names_real_and_embedded_corpora_and_where_real_ones_go()
    {
        var (code, stdout, _) = CliRunner.Run("corpus", "list");
        Assert.Equal(0, code);
        Assert.Contains("celebamask-hq", stdout);
        Assert.Contains("cityscapes", stdout);
        Assert.Contains("shapes", stdout);
        Assert.Contains("expected at:", stdout);
        Assert.Contains("embedded", stdout);
    }

    [Fact]
    public void Make_shapes_writes_a_corpus_the_CelebAMaskHq_reader_loads_back()
    {
        using var dir = new Fixtures.TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("corpus", "make", "shapes", "--preset", "smoke", "--out", dir.path, "--seed", "4", "--count", "10", "--size", "32");
        Assert.True(code == 0, stderr);
        Assert.Contains("8 train, 1 val, 1 test", stdout);
        var corpus = new CelebAMaskHqCorpus(dir.path);
        using var example = corpus.Load(9, size: 32);
        var scene = ShapesCorpus.Render(new ShapesOptions(10, 32, 4), 9);
        Assert.Equal(scene.Labels.Select(l => (long)l).ToArray(), example.Labels.ToArray<long>());
    }

    [Fact]
    public void Unknown_corpora_and_the_paper_preset_are_usage_errors()
    {
        using var dir = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("corpus", "make", "faces", "--out", dir.path);
        Assert.Equal(2, code);
        Assert.Contains("shapes", stderr);
        (code, _, stderr) = CliRunner.Run("corpus", "make", "shapes", "--preset", "paper", "--out", dir.path);
        Assert.Equal(2, code);
        Assert.Contains("real CelebAMask-HQ", stderr);
    }
}

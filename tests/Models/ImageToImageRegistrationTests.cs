using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models;

/// <summary>`dino train dino|dino-bidirectional|pix2pix` on the embedded Shapes corpus, made once under the data root and reused.</summary>
public class ImageToImageRegistrationTests
{
    [Theory]
    [InlineData("dino")]
    [InlineData("pix2pix")]
    [InlineData("dino-bidirectional")]
    public void Registered_experiments_train_on_shapes_and_reuse_the_corpus(string experiment)
    {
        using var data = new DataRootScope();
        var runs = Path.Combine(data.Path, "runs");
        string[] args = ["train", experiment, "--preset", "smoke", "--steps", "2", "--out", runs, "--set", "shapes_count=12"];
        var (code, _, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        var manifest = Directory
            .GetFiles(Path.Combine(data.Path, ShapesCorpus.Name), ShapesCorpus.ManifestFile, SearchOption.AllDirectories)
            .Single();
        var made = File.GetLastWriteTimeUtc(manifest);
        var log = JsonlLog.Read(Directory.GetFiles(runs, "log.jsonl", SearchOption.AllDirectories).Single());
        Assert.NotEmpty(log);

        (code, _, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        Assert.Equal(made, File.GetLastWriteTimeUtc(manifest)); // the second run read the cached corpus
        Assert.Single(Directory.GetDirectories(Path.Combine(data.Path, ShapesCorpus.Name)));
    }

    [Fact]
    public void The_paper_preset_names_the_missing_real_corpus_and_its_script()
    {
        using var data = new DataRootScope();
        var ex = Assert.Throws<DirectoryNotFoundException>(() => Dino.Repro.Data.Corpora.ImageToImageData.Open("celebamask-hq", 64, 2, 1, 0));
        Assert.Contains("data-scripts/celebamask-hq.sh", ex.Message);
        Assert.Contains(Path.Combine(data.Path, "celebamask-hq", "raw"), ex.Message);
        Assert.Equal(data.Path, KitPaths.DataRoot());
    }
}

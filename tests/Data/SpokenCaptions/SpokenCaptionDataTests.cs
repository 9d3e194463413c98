using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Tests.App.Reproduce;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SpokenCaptions;

public class SpokenCaptionDataTests
{
    [Fact]
    public void Spoken_shapes_are_made_and_spoken_once_under_the_data_root_then_reused()
    {
        using var data = new DataRootScope();
        var first = SpokenCaptionData.Open("spoken-shapes", shapesCount: 1, shapesSize: 32);
        Assert.Equal(Path.Combine(data.Path, "spoken-shapes", "seed0-n1-32px"), first.Corpus.Root);
        var image = first.Corpus.All.Single();
        var paths = first.Speech.RequirePaths(image);
        var stamps = paths.Append(image.ImagePath).Select(File.GetLastWriteTimeUtc).ToArray();

        var second = SpokenCaptionData.Open("spoken-shapes", shapesCount: 1, shapesSize: 32);
        Assert.Equal(stamps, second.Speech.RequirePaths(image).Append(image.ImagePath).Select(File.GetLastWriteTimeUtc));
        Assert.Empty(Directory.GetDirectories(Path.Combine(data.Path, "spoken-shapes"), "*.tmp"));
    }

    [Theory]
    [InlineData("cub-200")]
    [InlineData("oxford-102")]
    public void A_real_corpus_that_is_not_fetched_names_its_data_script(string corpus)
    {
        using var data = new DataRootScope();
        var e = Assert.Throws<DirectoryNotFoundException>(() => SpokenCaptionData.Open(corpus, 1, 32));
        Assert.Contains($"data-scripts/{corpus}.sh", e.Message);
        Assert.Contains(Path.Combine(data.Path, corpus, "raw"), e.Message);
        Assert.Throws<ArgumentException>(() => SpokenCaptionData.Open("birds", 1, 32));
    }
}

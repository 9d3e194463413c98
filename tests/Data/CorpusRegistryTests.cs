using Dino.Repro.Data.Corpora;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.IO;
using Dino.Repro.Models.Dino;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Torch;

namespace Dino.Repro.Tests.Data;

public class CorpusRegistryTests
{
    [Fact]
    public void Each_corpus_is_defined_once_real_ones_first_each_with_what_its_kind_needs()
    {
        var all = CorpusRegistry.All;
        Assert.Equal(all.Count, all.Select(c => c.Name).Distinct().Count());
        Assert.Equal(all.OrderBy(c => c.Embedded).Select(c => c.Name), all.Select(c => c.Name));
        var scripts = Path.Combine(ErrorsAndMemoryTests.RepoRoot(), "data-scripts");
        foreach (var real in all.Where(c => !c.Embedded))
        {
            Assert.NotNull(real.Describe);
            Assert.False(string.IsNullOrEmpty(real.RealLayout), real.Name);
            Assert.True(
                File.Exists(Path.Combine(ErrorsAndMemoryTests.RepoRoot(), real.DataScript!)),
                $"{real.Name}: no {real.DataScript} in {scripts}"
            );
        }
        foreach (var made in all.Where(c => c.Embedded))
        {
            Assert.Null(made.DataScript);
            Assert.Contains(all, c => !c.Embedded && c.Name == made.Maker!.StandsFor); // written in a real corpus' format
        }
    }

    [Fact]
    public void An_unknown_corpus_or_a_missing_view_is_a_usage_error_naming_the_choices()
    {
        var unknown = Assert.Throws<UsageException>(() => CorpusRegistry.Get("shapez"));
        Assert.Contains("unknown corpus 'shapez' (valid: celebamask-hq, cityscapes", unknown.Message);
        var noPairs = Assert.Throws<UsageException>(() => CorpusRegistry.Paired("grid"));
        Assert.Equal(
            "no image-to-image pairs in corpus 'grid' (corpora with pairs: celebamask-hq, cityscapes, shapes, shapes-multimodal, shapes-streets)",
            noPairs.Message
        );
        Assert.Throws<UsageException>(() => EvaluationCorpus.For(new DinoOptions { Corpus = "voice-faces" }));
    }

    [Theory]
    [InlineData("shapes", 5)]
    [InlineData("shapes-multimodal", 5)]
    [InlineData("shapes-streets", 19)]
    public void An_embedded_paired_corpus_opens_with_its_splits_sizes_and_classes(string name, int classes)
    {
        using var data = new DataRootScope();
        var view = CorpusRegistry.Paired(name);
        Assert.Null(view.PretrainedSegmenter); // the kit trains its own on the corpus' real pairs
        var corpus = view.Open(10, 32);
        Assert.Equal((name, 10, classes), (corpus.Name, corpus.Pairs, corpus.Classes));
        var test = corpus.TestPairs(32);
        Assert.InRange(corpus.TrainPairs + test.Count, 2, 10);
        Assert.True(corpus.TrainPairs >= 1 && test.Count >= 1);
        using var first = test[0]();
        Assert.Equal(new long[] { 3, 32, 32 }, first.Photo.shape);
        using var labelled = first.Labels.masked_select(first.Labels.ne(Scalars.Of(255))); // Cityscapes' ignore label aside
        Assert.InRange(labelled.max().ToInt64(), 0, classes - 1);
    }

    [Theory]
    [InlineData("celebamask-hq", "face parsing")] // the dataset's own face parser, as the paper scores it
    [InlineData("cityscapes", "Cityscapes DeepLabv3+")]
    public void A_real_paired_corpus_is_scored_by_the_papers_segmenter_with_its_label_classes(string name, string evaluator)
    {
        var segmenter = Segmenters.Named(CorpusRegistry.Paired(name).PretrainedSegmenter!);
        Assert.Equal(evaluator, segmenter.Evaluator.Name);
        // the labels its reader yields
        var palette = name == "cityscapes" ? Dino.Repro.Vision.Palette.Cityscapes : Dino.Repro.Vision.Palette.CelebAMaskHq;
        Assert.Equal(palette.Count, segmenter.NumClasses);
    }
}

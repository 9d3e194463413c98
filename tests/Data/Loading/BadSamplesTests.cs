using Dino.Repro.Data;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.Loading;

public class BadSamplesTests
{
    [Fact]
    public void CelebAMaskHq_throws_at_a_corrupt_photo_by_default_and_skips_and_reports_it_on_request()
    {
        using var temp = new Fixtures.TempFolder();
        var corpus = ShapesCorpus.Write(temp.Root, new ShapesOptions(10, 64, 0)); // ids 0–7 train
        var broken = CelebAMaskHqLayout.PhotoPath(corpus.Root, 3);
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..40]); // a truncated PNG

        var thrown = Assert.Throws<InvalidDataException>(() => corpus.LoadAll(CelebASplit.Train, 16));
        Assert.Contains(broken, thrown.Message);

        var log = new StringWriter();
        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(log));
        var examples = corpus.LoadAll(CelebASplit.Train, 16, badSamples: skip);
        try
        {
            Assert.Equal(new[] { "0", "1", "2", "4", "5", "6", "7" }, examples.Select(e => e.Id));
            var skipped = Assert.Single(skip.Report.Skipped);
            Assert.Equal(broken, skipped.File);
            Assert.Equal(thrown.Message, skipped.Reason);
            Assert.Contains($"skipped bad sample {broken}: {thrown.Message}", log.ToString());
        }
        finally
        {
            foreach (var e in examples)
                e.Dispose();
        }
    }

    [Fact]
    public void CelebAMaskHq_skips_a_sample_whose_photo_is_missing_naming_where_it_was_expected()
    {
        using var temp = new Fixtures.TempFolder();
        var corpus = ShapesCorpus.Write(temp.Root, new ShapesOptions(10, 64, 0));
        var photo = CelebAMaskHqLayout.PhotoPath(corpus.Root, 5);
        File.Delete(photo);
        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        using var batches = corpus.Batches(CelebASplit.Train, 16, 7, seed: 1, badSamples: skip);
        Assert.Equal(7, batches.Count);
        var skipped = Assert.Single(skip.Report.Skipped);
        Assert.Equal(Path.ChangeExtension(photo, ".jpg"), skipped.File); // the reader looks for the archive's .jpg first
        Assert.Contains("not found", skipped.Reason);
    }

    [Fact]
    public void Cityscapes_throws_at_a_corrupt_label_file_by_default_and_skips_and_reports_it_on_request()
    {
        using var temp = new Fixtures.TempFolder();
        var corpus = WriteCityscapes(temp.Root, "frankfurt_000000_000001", "frankfurt_000000_000002", "frankfurt_000000_000003");
        var frame = corpus.Frames("val")[1];
        File.WriteAllText(corpus.LabelIdsPath(frame), "not a png");

        var thrown = Assert.Throws<InvalidDataException>(() => corpus.LoadAll("val", 4, 8));
        Assert.Contains(corpus.LabelIdsPath(frame), thrown.Message);

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var examples = corpus.LoadAll("val", 4, 8, badSamples: skip);
        try
        {
            Assert.Equal(new[] { "frankfurt_000000_000001", "frankfurt_000000_000003" }, examples.Select(e => e.Id));
            Assert.Equal(corpus.PhotoPath(frame), Assert.Single(skip.Report.Skipped).File);
            Assert.Contains(corpus.LabelIdsPath(frame), skip.Report.Skipped[0].Reason);
        }
        finally
        {
            foreach (var e in examples)
                e.Dispose();
        }
    }

    [Fact]
    public void A_read_stopped_by_a_bad_sample_frees_the_samples_read_before_it()
    {
        using var temp = new Fixtures.TempFolder();
        var corpus = WriteCityscapes(temp.Root, "a_000000_000001", "a_000000_000002");
        File.WriteAllText(corpus.LabelIdsPath(corpus.Frames("val")[1]), "");
        var before = LiveTensors.Settled();
        Assert.Throws<InvalidDataException>(() => corpus.LoadAll("val", 4, 8));
        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void Errors_that_are_not_about_a_file_are_never_skipped()
    {
        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        Assert.Throws<InvalidOperationException>(() => skip.Read<string>("x.png", () => throw new InvalidOperationException("a bug")));
        Assert.Equal(0, skip.Report.Count);
        Assert.Null(skip.Read<string>("x.png", () => throw new EndOfStreamException("cut short")));
        Assert.Equal(new SkippedSample("x.png", "cut short"), Assert.Single(skip.Report.Skipped));
    }

    [Theory]
    [InlineData("throw", BadSamplePolicy.Throw)]
    [InlineData(" Skip ", BadSamplePolicy.Skip)]
    public void Policies_parse_from_their_option_values(string text, BadSamplePolicy expected) =>
        Assert.Equal(expected, BadSamplePolicies.Parse(text));

    [Fact]
    public void An_unknown_policy_names_the_valid_ones() =>
        Assert.Contains("throw or skip", Assert.Throws<ArgumentException>(() => BadSamplePolicies.Parse("ignore")).Message);

    // A Cityscapes "val" split of 8×4 frames (label id 7 = road → train id 0) in the archive's layout.
    private static CityscapesCorpus WriteCityscapes(string root, params string[] stems)
    {
        foreach (var stem in stems)
        {
            var city = stem.Split('_')[0];
            var photo = Path.Combine(root, CityscapesCorpus.PhotoFolder, "val", city, stem + "_leftImg8bit.png");
            var labels = Path.Combine(root, CityscapesCorpus.LabelFolder, "val", city, stem + "_gtFine_labelIds.png");
            using (var rgb = torch.full(new long[] { 4, 8, 3 }, Scalars.Of(90), ScalarType.Byte))
                ImageIO.Write(photo, rgb);
            using (var ids = torch.full(new long[] { 4, 8 }, Scalars.Of(7), ScalarType.Byte))
                LabelMap.Write(labels, ids);
        }
        return new CityscapesCorpus(root);
    }

    [Fact]
    public void A_file_skipped_twice_is_reported_and_logged_once()
    {
        var log = new StringWriter();
        var report = new BadSampleReport(log);
        report.Add("/data/a.png", "truncated");
        report.Add("/data/b.png", "truncated");
        report.Add("/data/a.png", "truncated"); // the same batch read again
        Assert.Equal(["/data/a.png", "/data/b.png"], report.Skipped.Select(s => s.File));
        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

using Dino.Repro.Data.Loading;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Oxford102;

public class Oxford102CorpusTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Labels_from_the_mat_file_give_classes_keys_captions_and_the_class_split(bool compress)
    {
        using var dir = new Fixtures.TempFolder();
        Oxford102Fixture.Write(dir.Root, compress);
        var corpus = new Oxford102Corpus(dir.Root);
        Assert.Equal(["class_00001", "class_00002", "class_00003"], corpus.ClassNames);
        var train = corpus.Images(CaptionSplit.Train);
        Assert.Equal(
            ["class_00003/image_00001", "class_00001/image_00002", "class_00001/image_00004", "class_00003/image_00005"],
            train.Select(i => i.Key)
        );
        Assert.Equal([2, 0, 0, 2], train.Select(i => i.ClassId));
        var test = corpus.Images(CaptionSplit.Test);
        Assert.Equal(["class_00002/image_00003", "class_00002/image_00006"], test.Select(i => i.Key));
        Assert.Equal(Path.Combine(dir.Root, "jpg", "image_00003.jpg"), test[0].ImagePath);
        Assert.Equal("flower 3 has 12 pink petals", test[0].Captions[9]);
        Assert.All(corpus.All, i => Assert.Null(i.BoundingBox));
    }

    [Fact]
    public void Flowers_are_used_whole_no_box_crop()
    {
        using var dir = new Fixtures.TempFolder();
        Oxford102Fixture.Write(dir.Root);
        var image = new Oxford102Corpus(dir.Root).Images(CaptionSplit.Test)[0];
        // 16×12 → shorter side 12 kept (load size 12), centred 12² crop starts at column 2; the image is one grey level 90.
        using var loaded = CaptionImageTransform.Load(image, new CaptionImageOptions(12, LoadSize: 12, RandomCrop: false, RandomFlip: false), null);
        Assert.Equal([3L, 12, 12], loaded.shape);
        Close.All(Enumerable.Repeat(90 / 127.5f - 1, 3 * 144).ToArray(), loaded.ToArray<float>(), atol: 2 / 127.5);
    }

    [Fact]
    public void A_label_that_is_not_a_class_number_and_a_missing_caption_are_reported_with_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        Oxford102Fixture.Write(dir.Root);
        var mat = Path.Combine(dir.Root, "imagelabels.mat");
        File.WriteAllBytes(
            mat,
            new MatV5Writer(compress: true).Numeric("labels", [1, 6], [3, 1, 0, 1, 3, 2], storage: MatV5Writer.MiUInt8).ToArray()
        );
        var e = Assert.Throws<InvalidDataException>(() => new Oxford102Corpus(dir.Root));
        Assert.Contains(mat, e.Message);
        Assert.Contains("label 3", e.Message);

        Oxford102Fixture.Write(dir.Root);
        var caption = Path.Combine(dir.Root, "cvpr2016_flowers", "text_c10", "class_00001", "image_00004.txt");
        File.Delete(caption);
        Assert.Contains(caption, Assert.Throws<FileNotFoundException>(() => new Oxford102Corpus(dir.Root)).Message);
    }

    [Fact]
    public void An_unreadable_jpeg_stops_the_read_naming_it_by_default_and_is_skipped_and_reported_on_request()
    {
        using var dir = new Fixtures.TempFolder();
        Oxford102Fixture.Write(dir.Root);
        var corpus = new Oxford102Corpus(dir.Root);
        var broken = Path.Combine(dir.Root, "jpg", "image_00004.jpg"); // a training flower
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..30]);
        var options = CaptionImageOptions.Evaluation(4);

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => corpus.LoadImages(CaptionSplit.Train, options, null));
        Assert.Contains(broken, thrown.Message);
        Assert.Equal(before, Tensor.TotalCount);

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var loaded = corpus.LoadImages(CaptionSplit.Train, options, null, skip);
        try
        {
            Assert.Equal(["class_00003/image_00001", "class_00001/image_00002", "class_00003/image_00005"], loaded.Select(l => l.Image.Key));
            // Image n is one grey level 30·n.
            using (var scope = torch.NewDisposeScope())
                Close.All([30f, 60, 150], loaded.Select(l => (l.Pixels.mean().ToSingle() + 1) * 127.5f).ToArray(), atol: 2);
            var skipped = Assert.Single(skip.Report.Skipped);
            Assert.Equal(broken, skipped.File);
            Assert.Equal(thrown.Message, skipped.Reason);
        }
        finally
        {
            foreach (var l in loaded)
                l.Dispose();
        }
        Assert.Equal(before, LiveTensors.Settled());
    }
}

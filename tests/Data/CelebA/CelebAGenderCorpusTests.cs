using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Loading;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.CelebA;

public class CelebAGenderCorpusTests
{
    [Fact]
    public void The_Male_attribute_gives_two_classes_split_80_20_in_file_order_within_each()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root);
        var corpus = new CelebAGenderCorpus(dir.Root);
        // Women: ⌊0.8·5⌋ = 4 train, 1 test; men: ⌊0.8·4⌋ = 3 train, 1 test.
        Assert.Equal(
            ["000002.jpg", "000003.jpg", "000005.jpg", "000007.jpg", "000001.jpg", "000004.jpg", "000006.jpg"],
            corpus.Images(CelebAGenderSplit.Train).Select(i => i.File)
        );
        Assert.Equal([0, 0, 0, 0, 1, 1, 1], corpus.Images(CelebAGenderSplit.Train).Select(i => i.ClassId));
        Assert.Equal(["000008.jpg", "000009.jpg"], corpus.Images(CelebAGenderSplit.Test).Select(i => i.File));
        Assert.Equal([0, 1], corpus.Images(CelebAGenderSplit.Test).Select(i => i.ClassId));
    }

    [Fact]
    public void Images_are_resized_to_the_preset_size_in_minus_one_to_one_and_batched_with_their_class()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root);
        var corpus = new CelebAGenderCorpus(dir.Root);
        var image = corpus.Images(CelebAGenderSplit.Test)[1]; // 000009.jpg: one grey level 180
        using var face = CelebAGenderCorpus.Load(image, 8);
        Assert.Equal([3L, 8, 8], face.shape);
        Close.All(Enumerable.Repeat(180 / 127.5f - 1, 3 * 64).ToArray(), face.ToArray<float>(), atol: 2 / 127.5);

        using var batches = corpus.Batches(CelebAGenderSplit.Train, size: 8, batchSize: 4, seed: 1, perClassLimit: 2);
        Assert.Equal(4, batches.Count);
        using var scope = torch.NewDisposeScope();
        var batch = batches.Next();
        Assert.Equal([4L, 3, 8, 8], batch[CelebAGenderCorpus.ImageKey].shape);
        Assert.Equal([0L, 0, 1, 1], batch[CelebAGenderCorpus.ClassKey].ToArray<long>().Order());
    }

    [Theory]
    [InlineData(4, "000004.jpg  0 -1  1  1", "attribute 5_o_Clock_Shadow is '0'")]
    [InlineData(6, "000006.jpg  1 -1  1", "expected a file name and 4 values")]
    public void A_bad_attribute_line_is_reported_with_the_file_and_line(int n, string bad, string what)
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root, row: i => i == n ? bad : CelebAFixture.Row(i));
        var e = Assert.Throws<InvalidDataException>(() => new CelebAGenderCorpus(dir.Root));
        Assert.Contains($"list_attr_celeba.txt:{n + 2}", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void A_truncated_attribute_list_and_a_missing_image_are_reported()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root, count: 202599);
        Assert.Contains(
            "announces 202599 images but 9 rows follow",
            Assert.Throws<InvalidDataException>(() => new CelebAGenderCorpus(dir.Root)).Message
        );

        CelebAFixture.Write(dir.Root);
        var corpus = new CelebAGenderCorpus(dir.Root);
        var image = corpus.Images(CelebAGenderSplit.Train)[0];
        File.Delete(image.ImagePath);
        Assert.Contains(image.ImagePath, Assert.ThrowsAny<Exception>(() => CelebAGenderCorpus.Load(image, 8)).Message);
    }

    [Fact]
    public void An_unreadable_face_stops_the_read_naming_it_by_default_and_is_skipped_and_reported_on_request()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root);
        var corpus = new CelebAGenderCorpus(dir.Root);
        var broken = Path.Combine(dir.Root, "img_align_celeba", "000005.jpg"); // a training woman, grey 100
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..30]);

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => corpus.Batches(CelebAGenderSplit.Train, 8, 6, seed: 1));
        Assert.Contains(broken, thrown.Message);
        Assert.Equal(before, Tensor.TotalCount); // the faces read before it are freed

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        using (var batches = corpus.Batches(CelebAGenderSplit.Train, 8, 6, seed: 1, badSamples: skip))
        {
            Assert.Equal(6, batches.Count);
            using var scope = torch.NewDisposeScope();
            var batch = batches.Next();
            Assert.Equal([0L, 0, 0, 1, 1, 1], batch[CelebAGenderCorpus.ClassKey].ToArray<long>().Order());
            // Each fixture face is one grey level 20·n: the six left are n = 1, 2, 3, 4, 6, 7, not 5.
            var levels = batch[CelebAGenderCorpus.ImageKey].mean([1L, 2, 3]).ToArray<float>().Select(v => (v + 1) * 127.5f).Order().ToArray();
            Close.All([20f, 40, 60, 80, 120, 140], levels, atol: 2);
        }
        var skipped = Assert.Single(skip.Report.Skipped);
        Assert.Equal(broken, skipped.File);
        Assert.Equal(thrown.Message, skipped.Reason);
        Assert.Equal(before, LiveTensors.Settled());
    }
}

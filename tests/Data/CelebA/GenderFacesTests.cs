using Dino.Repro.Data.CelebA;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.CelebA;

public class GenderFacesTests
{
    [Fact]
    public void A_split_alternates_the_domains_and_takes_at_most_the_limit_of_each()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root);
        var corpus = new CelebAGenderCorpus(dir.Root);

        // Training women 2, 3, 5, 7 and men 1, 4, 6 (CelebAFixture.Male): two of each, woman first.
        using var faces = GenderFaces.Load(corpus, CelebAGenderSplit.Train, 8, perDomain: 2);
        Assert.Equal(["000002.jpg", "000001.jpg", "000003.jpg", "000004.jpg"], faces.Files.Select(f => f.File));
        Assert.Equal([0L, 1, 0, 1], faces.Classes.ToArray<long>());
        Assert.Equal([4L, 3, 8, 8], faces.Images.shape);
        // Each fixture face is one grey level 20·n, read into [−1, 1].
        var levels = faces.Images.mean([1L, 2, 3]).ToArray<float>().Select(v => (v + 1) * 127.5f).ToArray();
        Close.All([40f, 20, 60, 80], levels, atol: 2);

        using var all = GenderFaces.Load(corpus, CelebAGenderSplit.Train, 8);
        Assert.Equal(
            ["000002.jpg", "000001.jpg", "000003.jpg", "000004.jpg", "000005.jpg", "000006.jpg", "000007.jpg"],
            all.Files.Select(f => f.File)
        );
        Assert.Throws<ArgumentOutOfRangeException>(() => GenderFaces.Load(corpus, CelebAGenderSplit.Train, 8, perDomain: 0));
    }

    [Fact]
    public void An_unreadable_face_stops_the_read_naming_it_and_frees_what_was_read()
    {
        using var dir = new Fixtures.TempFolder();
        CelebAFixture.Write(dir.Root);
        var broken = Path.Combine(dir.Root, "img_align_celeba", "000004.jpg"); // the fourth face read
        File.WriteAllBytes(broken, File.ReadAllBytes(broken)[..30]);

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => GenderFaces.Load(new CelebAGenderCorpus(dir.Root), CelebAGenderSplit.Train, 8));
        Assert.Contains(broken, thrown.Message);
        Assert.Equal(before, Tensor.TotalCount);
    }
}

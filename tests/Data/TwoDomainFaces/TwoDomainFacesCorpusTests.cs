using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.TwoDomainFaces;

public class TwoDomainFacesCorpusTests
{
    // Small faces keep the writes fast; the layout and the factors do not depend on the size.
    private static readonly TwoDomainFacesOptions Small = new(Count: 30, Width: 36, Seed: 3);

    [Fact]
    public void The_CelebA_gender_reader_reads_it_with_each_class_split_80_20_in_file_order()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = TwoDomainFacesCorpus.Write(dir.Root, Small);
        var faces = TwoDomainFacesFactors.Read(dir.Root);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"{n:D6}.jpg"), faces.Select(f => f.File));
        foreach (var classId in new[] { CelebAGenderCorpus.Female, CelebAGenderCorpus.Male })
        {
            var files = faces.Where(f => f.ClassId == classId).Select(f => f.File).ToArray();
            var train = (int)Math.Floor(files.Length * 0.8);
            Assert.InRange(files.Length, 5, 25);
            Assert.Equal(files.Take(train), corpus.Images(CelebAGenderSplit.Train).Where(i => i.ClassId == classId).Select(i => i.File));
            Assert.Equal(files.Skip(train), corpus.Images(CelebAGenderSplit.Test).Where(i => i.ClassId == classId).Select(i => i.File));
        }

        var attributes = CelebAAttributes.Read(Path.Combine(dir.Root, CelebAGenderCorpus.AttributesFile));
        Assert.Equal(40, attributes.Names.Count);
        Assert.Equal(CelebAAttributes.CelebANames, attributes.Names);
        Assert.Equal(faces.Select(f => f.ClassId == 1 ? 1 : -1), attributes.Column("Male").Select(v => (int)v));
        Assert.Equal(faces.Select(f => f.ClassId == 0 ? 1 : -1), attributes.Column("Wearing_Lipstick").Select(v => (int)v));

        // CelebA's 178:218 aspect, JPEG, squeezed to a square by the reader.
        var first = corpus.Images(CelebAGenderSplit.Train)[0];
        using var raw = Dino.Repro.Vision.ImageIO.Read(first.ImagePath);
        Assert.Equal([44L, 36, 3], raw.shape);
        using var face = CelebAGenderCorpus.Load(first, 16);
        Assert.Equal([3L, 16, 16], face.shape);
        Assert.Contains($"{corpus.Images(CelebAGenderSplit.Train).Count} train", CorpusCheck.CelebA(dir.Root));
    }

    [Fact]
    public void It_is_deterministic_and_a_larger_count_extends_a_smaller_one()
    {
        using var dir = new Fixtures.TempFolder();
        TwoDomainFacesCorpus.Write(dir.File("a"), Small with { Count = 8 });
        TwoDomainFacesCorpus.Write(dir.File("b"), Small with { Count = 12 });
        var a = TwoDomainFacesFactors.Read(dir.File("a"));
        var b = TwoDomainFacesFactors.Read(dir.File("b"));
        Assert.Equal(a, b.Take(8));
        foreach (var face in a)
        {
            var path = Path.Combine(CelebAGenderCorpus.ImageFolder, face.File);
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), path)), File.ReadAllBytes(Path.Combine(dir.File("b"), path)));
        }
        Assert.NotEqual(a, Enumerable.Range(0, 8).Select(i => TwoDomainFaceScene.Sample(seed: 4, i).Face));
    }

    [Fact]
    public void The_factors_file_holds_exactly_what_was_drawn()
    {
        using var dir = new Fixtures.TempFolder();
        TwoDomainFacesCorpus.Write(dir.Root, Small);
        Assert.Equal(
            Enumerable.Range(0, Small.Count).Select(i => TwoDomainFaceScene.Sample(Small.Seed, i).Face),
            TwoDomainFacesFactors.Read(dir.Root)
        );
    }

    [Fact]
    public void The_shared_factors_are_drawn_independently_of_the_domain()
    {
        var faces = Enumerable.Range(0, 600).Select(i => TwoDomainFaceScene.Sample(0, i).Face).ToArray();
        var byClass = faces.GroupBy(f => f.ClassId).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        Assert.Equal(2, byClass.Length);
        Assert.InRange(byClass[1].Length / 600.0, 0.42, 0.58);
        // Each factor's mean and spread agree between the domains to within a few standard errors (~250 draws each).
        foreach (
            var (name, factor, sd) in new (string, Func<TwoDomainFace, double>, double)[]
            {
                ("yaw", f => f.Yaw, 50 / Math.Sqrt(12)),
                ("roll", f => f.Roll, 24 / Math.Sqrt(12)),
                ("mouth", f => f.Mouth, 1 / Math.Sqrt(12)),
                ("gaze_x", f => f.GazeX, 2 / Math.Sqrt(12)),
                ("gaze_y", f => f.GazeY, 2 / Math.Sqrt(12)),
                ("background_level", f => f.BackgroundLevel, 0.6 / Math.Sqrt(12)),
                ("dx", f => f.Dx, 0.1 / Math.Sqrt(12)),
            }
        )
        {
            var (mean0, sd0) = MeanSd(byClass[0].Select(factor));
            var (mean1, sd1) = MeanSd(byClass[1].Select(factor));
            Assert.True(Math.Abs(mean0 - mean1) < 0.3 * sd, $"{name}: means {mean0} vs {mean1}");
            Assert.True(Math.Abs(sd0 - sd1) < 0.15 * sd && Math.Abs(sd0 - sd) < 0.15 * sd, $"{name}: sds {sd0} vs {sd1} (uniform: {sd})");
        }
        foreach (var backdrop in Enum.GetValues<FaceBackdrop>())
            Assert.All(byClass, faces => Assert.InRange(faces.Count(f => f.Background == backdrop) / (double)faces.Length, 0.25, 0.42));
    }

    private static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)));
    }

    [Fact]
    public void It_is_registered_standing_for_CelebA_and_made_once_under_the_data_root()
    {
        var entry = CorpusRegistry.Find(TwoDomainFacesCorpus.Name)?.Maker;
        Assert.NotNull(entry);
        Assert.Equal(CelebAGenderCorpus.CorpusName, entry.StandsFor);

        using var data = new DataRootScope();
        var first = TwoDomainFacesCorpus.MadeOnce(count: 10, width: 24);
        var manifest = Path.Combine(first.Root, TwoDomainFacesCorpus.ManifestFile);
        var stamp = File.GetLastWriteTimeUtc(manifest);
        var again = TwoDomainFacesCorpus.MadeOnce(count: 10, width: 24);
        Assert.Equal(first.Root, again.Root);
        Assert.StartsWith(data.Path, first.Root);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(manifest));
        Assert.Equal(10, TwoDomainFacesFactors.Read(first.Root).Count);
    }
}

using Dino.Repro.Data;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.TwoDomainFaces;

public class LabelledFacesTests
{
    private static readonly TwoDomainFacesOptions Small = new(Count: 30, Width: 36, Seed: 3);

    [Fact]
    public void A_split_is_read_with_the_factors_each_face_was_drawn_with_alternating_the_domains()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = TwoDomainFacesCorpus.Write(dir.Root, Small);
        using var test = LabelledFaces.Load(corpus, CelebAGenderSplit.Test, 16);

        var split = corpus.Images(CelebAGenderSplit.Test);
        Assert.Equal(split.Count, test.Count);
        Assert.Equal([test.Count, 3L, 16, 16], test.Images.shape);
        // Alternating from female: the first faces of each domain in turn.
        Assert.Equal([0L, 1, 0, 1], test.Classes.narrow(0, 0, 4).data<long>().ToArray());
        Assert.Equal(split.Where(i => i.ClassId == 0).First().File, test.Drawn[0].File);
        Assert.Equal(split.Where(i => i.ClassId == 1).First().File, test.Drawn[1].File);
        for (var i = 0; i < test.Count; i++)
        {
            // Each row is the face the scene of that file was drawn from, and its image the file read as the AC-GAN reads it.
            var index = int.Parse(test.Drawn[i].File[..6]) - 1;
            var drawn = TwoDomainFaceScene.Sample(Small.Seed, index).Face;
            Assert.Equal(drawn, test.Drawn[i]);
            Assert.Equal(
                new[] { drawn.Yaw, drawn.Roll, drawn.Mouth, drawn.GazeX, drawn.GazeY }.Select(v => (float)v),
                test.Factors[i].data<float>().ToArray()
            );
            using var image = CelebAGenderCorpus.Load(split.Single(s => s.File == drawn.File), 16);
            Assert.True(image.allclose(test.Images[i], rtol: 0, atol: 0));
        }
        using var limited = LabelledFaces.Load(corpus, CelebAGenderSplit.Train, 16, perDomain: 2);
        Assert.Equal(4, limited.Count); // two of each domain
    }

    [Fact]
    public void The_truth_of_a_translation_is_the_same_face_drawn_in_the_other_domain()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = TwoDomainFacesCorpus.Write(dir.Root, Small);
        using var test = LabelledFaces.Load(corpus, CelebAGenderSplit.Test, 16, perDomain: 1);
        using var truth = test.OtherDomainTruth();
        Assert.Equal(test.Images.shape, truth.shape);
        for (var i = 0; i < 2; i++)
        {
            var scene = TwoDomainFaceScene.Sample(Small.Seed, int.Parse(test.Drawn[i].File[..6]) - 1);
            using var hwc = scene.Render(Small.Width, Small.Height, 1 - test.Drawn[i].ClassId).ToTensor();
            using var expected = ImageTensor.ToChw(ImageResampling.Photo(hwc, 16, 16));
            Assert.True(expected.allclose(truth[i], rtol: 0, atol: 0));
            // Same backdrop and pose, other traits: close to the input but not the input.
            Assert.False(truth[i].allclose(test.Images[i], rtol: 0, atol: 0.1));
        }

        // A damaged manifest is reported by name.
        var manifest = Path.Combine(dir.Root, TwoDomainFacesCorpus.ManifestFile);
        File.WriteAllText(manifest, "{\"corpus\": \"two-domain-faces\"}");
        var error = Assert.Throws<InvalidDataException>(() => test.OtherDomainTruth());
        Assert.Contains(manifest, error.Message);
    }

    [Fact]
    public void A_corpus_without_factors_or_with_factors_of_other_images_is_refused_naming_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = TwoDomainFacesCorpus.Write(dir.Root, Small);
        var factors = Path.Combine(dir.Root, TwoDomainFacesFactors.FileName);
        var lines = File.ReadAllLines(factors);
        File.WriteAllLines(factors, lines.Where(l => !l.StartsWith(corpus.Images(CelebAGenderSplit.Test)[0].File, StringComparison.Ordinal)));
        var error = Assert.Throws<InvalidDataException>(() => LabelledFaces.Load(corpus, CelebAGenderSplit.Test, 16));
        Assert.Contains(factors, error.Message);
        Assert.Contains(corpus.Images(CelebAGenderSplit.Test)[0].File, error.Message);
        File.Delete(factors);
        Assert.Throws<FileNotFoundException>(() => LabelledFaces.Load(corpus, CelebAGenderSplit.Test, 16));
    }
}

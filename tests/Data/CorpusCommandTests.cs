using System.Text.RegularExpressions;
using Dino.Repro.Data;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data;

public class CorpusCommandTests
{
    [Fact]
    public void List_names_every_catalogued_corpus_once_marked_real_or_embedded_with_where_it_comes_from()
    {
        var (code, stdout, _) = CliRunner.Run("corpus", "list");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        foreach (var corpus in CorpusRegistry.All)
        {
            var kind = corpus.Embedded ? "embedded" : "real";
            var line = Assert.Single(lines, l => Regex.IsMatch(l, $@"^{Regex.Escape(corpus.Name)}\s+(real|embedded)\s"));
            Assert.Matches($@"^{Regex.Escape(corpus.Name)}\s+{kind}\s+{Regex.Escape(corpus.Description)}", line);
        }
        // The issue's eight real corpora and FSD50K's unheard sounds, each with its expected folder, and the embedded ones with
        // their make command.
        string[] real = ["celebamask-hq", "cityscapes", "grid", "cub-200", "oxford-102", "youtubers", "sound-video", "celeba", "fsd50k"];
        Assert.Equal(real.Order(), CorpusRegistry.All.Where(c => !c.Embedded).Select(c => c.Name).Order());
        Assert.All(real, name => Assert.Contains($"expected at: {CorpusPaths.ExpectedPath(name)} (", stdout));
        Assert.All(CorpusRegistry.Embedded, c => Assert.Contains($"made by: dino corpus make {c.Name} --preset smoke --out DIR", stdout));
    }

    [Fact]
    public void Make_refuses_a_real_or_unknown_corpus_naming_the_embedded_ones_and_writes_nothing()
    {
        using var dir = new Fixtures.TempFolder();
        foreach (var name in new[] { "celebamask-hq", "shapez" })
        {
            var (code, _, stderr) = CliRunner.Run("corpus", "make", name, "--out", dir.File("out"));
            Assert.Equal(2, code);
            Assert.Contains($"unknown embedded corpus '{name}' (valid: {string.Join(", ", CorpusRegistry.Embedded.Select(c => c.Name))})", stderr);
        }
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Make_shapes_writes_a_corpus_the_CelebAMaskHq_reader_loads_back()
    {
        using var dir = new Fixtures.TempFolder();
        var stdout = Make("shapes", dir.Root, "--seed", "4", "--count", "10", "--size", "32");
        Assert.Contains("8 train, 1 val, 1 test", stdout);
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        using var example = corpus.Load(9, size: 32);
        var scene = ShapesCorpus.Render(new ShapesOptions(10, 32, 4), 9);
        Assert.Equal(scene.Labels.Select(l => (long)l).ToArray(), example.Labels.ToArray<long>());
    }

    [Fact]
    public void Make_shapes_multimodal_writes_a_corpus_the_CelebAMaskHq_reader_loads_back_with_the_shapes_labels()
    {
        using var dir = new Fixtures.TempFolder();
        var stdout = Make("shapes-multimodal", dir.Root, "--seed", "4", "--count", "10", "--size", "32");
        Assert.Contains("Shapes-multimodal pairs", stdout);
        Assert.Contains("8 train, 1 val, 1 test", stdout);
        Assert.True(File.Exists(Path.Combine(dir.Root, ShapesMultimodalCorpus.ManifestFile)));
        var corpus = new CelebAMaskHqCorpus(dir.Root);
        using var example = corpus.Load(9, size: 32);
        var scene = ShapesCorpus.Render(new ShapesOptions(10, 32, 4), 9);
        Assert.Equal(scene.Labels.Select(l => (long)l).ToArray(), example.Labels.ToArray<long>());
    }

    [Fact]
    public void Make_shapes_streets_writes_a_corpus_the_Cityscapes_reader_loads_back()
    {
        using var dir = new Fixtures.TempFolder();
        var stdout = Make("shapes-streets", dir.Root, "--seed", "2", "--count", "10", "--size", "32");
        Assert.Contains("9 train, 1 val", stdout);
        var corpus = new CityscapesCorpus(dir.Root);
        Assert.Equal(9, corpus.Frames("train").Count);
        var val = Assert.Single(corpus.Frames("val")); // Shapes' test id 9
        Assert.Equal(ShapesStreetsCorpus.StemOf(9), val.Stem);
        using var trainIds = corpus.ReadTrainIds(val);
        var scene = ShapesCorpus.Render(new ShapesOptions(10, 32, 2), 9);
        Assert.Equal(scene.Labels.Select(l => ShapesStreetsCorpusTests.TrainIdOfShapesLabel[l]).ToArray(), trainIds.ToArray<long>());
    }

    [Fact]
    public void Make_two_domain_faces_writes_a_corpus_the_CelebA_gender_reader_loads_with_its_factors()
    {
        using var dir = new Fixtures.TempFolder();
        var stdout = Make("two-domain-faces", dir.Root, "--seed", "5", "--count", "12", "--size", "32");
        Assert.Contains("wrote 12 two-domain faces at 32×39 (seed 5)", stdout);
        var corpus = new CelebAGenderCorpus(dir.Root);
        var faces = TwoDomainFacesFactors.Read(dir.Root);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => TwoDomainFaceScene.Sample(5, i).Face), faces);
        Assert.Equal(12, corpus.Images(CelebAGenderSplit.Train).Count + corpus.Images(CelebAGenderSplit.Test).Count);
        Assert.All(corpus.Images(CelebAGenderSplit.Train), i => Assert.Equal(faces.Single(f => f.File == i.File).ClassId, i.ClassId));
    }

    [Fact]
    public void Make_spoken_shapes_writes_images_and_captions_the_CUB_reader_loads_and_their_speech()
    {
        using var dir = new Fixtures.TempFolder();
        var stdout = Make("spoken-shapes", dir.Root, "--seed", "1", "--count", "2", "--size", "32");
        Assert.Contains("20 utterances spoken, 0 reused", stdout);
        var corpus = new CubCorpus(dir.Root);
        Assert.Equal(2, corpus.All.Count);
        Assert.Equal(12, corpus.ClassNames.Count);
        Assert.Equal(9, corpus.ClassCount(CaptionSplit.Train));
        var speech = SpokenShapesCorpus.SpeechCache(dir.Root);
        foreach (var image in corpus.All)
        {
            Assert.Equal(10, image.Captions.Count);
            var wavs = speech.RequirePaths(image);
            Assert.Equal(10, wavs.Count);
            Assert.Equal(16_000, WavFile.Read(wavs[0]).SampleRate);
        }
    }

    // `dino corpus make NAME --preset smoke --out DIR OPTIONS…`, which must succeed: what it printed.
    private static string Make(string corpus, string folder, params string[] options)
    {
        var (code, stdout, stderr) = CliRunner.Run(["corpus", "make", corpus, "--preset", "smoke", "--out", folder, .. options]);
        Assert.True(code == 0, stderr);
        return stdout;
    }

    [Fact]
    public void Unknown_corpora_and_the_paper_preset_are_usage_errors()
    {
        using var dir = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("corpus", "make", "faces", "--out", dir.Root);
        Assert.Equal(2, code);
        Assert.Contains("shapes", stderr);
        (code, _, stderr) = CliRunner.Run("corpus", "make", "shapes", "--preset", "paper", "--out", dir.Root);
        Assert.Equal(2, code);
        Assert.Contains("real CelebAMask-HQ", stderr);
    }
}

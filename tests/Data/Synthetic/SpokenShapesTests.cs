using System.Globalization;
using Dino.Repro.Data;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Synthetic;

public class SpokenShapesTests
{
    private static readonly SpokenShapesOptions Small = new(24, 48, Seed: 3);

    private static readonly Dictionary<string, string> RelationPhrase = new()
    {
        ["above"] = "above",
        ["below"] = "below",
        ["left_of"] = "to the left of",
        ["right_of"] = "to the right of",
    };

    [Fact]
    public void Presets_are_24_and_3000_images_at_64_pixels_and_paper_is_refused()
    {
        Assert.Equal(new SpokenShapesOptions(24, 64, 0), SpokenShapesOptions.ForPreset(Preset.Smoke));
        Assert.Equal(new SpokenShapesOptions(3000, 64, 5), SpokenShapesOptions.ForPreset(Preset.Cpu, 5));
        Assert.Throws<ArgumentException>(() => SpokenShapesOptions.ForPreset(Preset.Paper));
        var registered = CorpusRegistry.Find("spoken-shapes")?.Maker;
        Assert.NotNull(registered);
        Assert.Equal("cub-200", registered.StandsFor);
        Assert.Contains(CorpusRegistry.All, c => c.Name == "cub-200" && !c.Embedded);
    }

    [Fact]
    public void The_same_seed_writes_the_same_files_and_another_seed_other_images()
    {
        using var a = new Fixtures.TempFolder();
        using var b = new Fixtures.TempFolder();
        SpokenShapesCorpus.Write(a.Root, Small with { Count = 6 });
        SpokenShapesCorpus.Write(b.Root, Small with { Count = 6 });
        var files = Directory.GetFiles(a.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.Root, f)).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(b.Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b.Root, f)).Order());
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Root, file)), File.ReadAllBytes(Path.Combine(b.Root, file)));
        Assert.NotEqual(SpokenShapesImage.Render(3, 2, 48).Photo, SpokenShapesImage.Render(4, 2, 48).Photo);
        // A larger count extends a smaller one: example 2 does not depend on how many are written.
        Assert.Equal(SpokenShapesImage.Render(3, 2, 48).Description, SpokenShapesImage.Render(3, 2, 48).Description);
    }

    [Fact]
    public void The_CUB_reader_loads_it_with_12_classes_9_for_training_and_3_unseen_for_testing()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = SpokenShapesCorpus.Write(dir.Root, Small);
        var reread = new CubCorpus(dir.Root);
        Assert.Equal(12, reread.ClassNames.Count);
        Assert.Equal("001.red_circle", reread.ClassNames[0]);
        Assert.Equal(18, reread.Images(CaptionSplit.Train).Count);
        Assert.Equal(
            ["003.red_triangle", "004.green_circle", "008.blue_square"],
            reread.Images(CaptionSplit.Test).Select(i => i.ClassName).Distinct().Order()
        );
        Assert.Equal(corpus.All.Select(i => i.Key), reread.All.Select(i => i.Key));
        Assert.All(reread.All, i => Assert.Equal(i.ClassName, i.Key.Split('/')[0]));
    }

    [Fact]
    public void Captions_say_what_the_attribute_labels_say()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = SpokenShapesCorpus.Write(dir.Root, Small);
        var attributes = File.ReadAllLines(Path.Combine(dir.Root, SpokenShapesCorpus.AttributesFile)).Select(l => l.Split(' ')).ToArray();
        var colours = SpokenShapesVocabulary.Colours.Select(c => c.Word).ToArray();
        var shapes = SpokenShapesVocabulary.Shapes.Select(s => s.Word).ToArray();
        foreach (var image in corpus.All)
        {
            var id = corpus.All.ToList().IndexOf(image) + 1;
            var row = attributes[id - 1];
            Assert.Equal(id.ToString(CultureInfo.InvariantCulture), row[0]);
            var main = $"{row[1]} {row[2]} {row[3]}";
            var expected = row[4] == "-" ? $"a {main}" : $"a {main} {RelationPhrase[row[4]]} a {row[5]} {row[6]} {row[7]}";
            Assert.Equal(expected, image.Captions[0]);
            Assert.EndsWith($"{row[2]}_{row[3]}", image.ClassName); // the class is the main object's colour × shape
            var sceneWords = row.Skip(1).ToHashSet();
            foreach (var caption in image.Captions)
            {
                var words = caption.Split(' ');
                Assert.All(words.Where(w => colours.Contains(w) || shapes.Contains(w) || w is "small" or "large"), w =>
                    Assert.Contains(w, sceneWords)
                );
            }
            Assert.True(
                image.Captions.Count(c => c.Contains(row[3], StringComparison.Ordinal)) == 10,
                $"{image.Key}: a caption omits the main shape"
            );
        }
        Assert.Contains(attributes, r => r[4] == "-");
        Assert.Contains(attributes, r => r[4] != "-");
    }

    [Fact]
    public void Drawn_objects_have_the_colour_shape_size_and_relation_of_their_words_inside_the_written_box()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = SpokenShapesCorpus.Write(dir.Root, Small);
        const int size = 48;
        for (var id = 0; id < Small.Count; id++)
        {
            var scene = SpokenShapesImage.Render(Small.Seed, id, size);
            var d = scene.Description;
            var objects = d.Other is null ? new[] { d.Main } : [d.Main, d.Other];
            var stats = scene.ObjectMasks.Select(m => Measure(m, size)).ToArray();
            for (var k = 0; k < objects.Length; k++)
            {
                var (o, s) = (objects[k], stats[k]);
                // Colour: the mean photo colour over the object is nearest to its colour word's RGB.
                var mean = Enumerable
                    .Range(0, 3)
                    .Select(c => scene.ObjectMasks[k].Select((on, i) => on ? scene.Photo[3 * i + c] : -1).Where(v => v >= 0).Average())
                    .ToArray();
                var nearest = SpokenShapesVocabulary.Colours.MinBy(c =>
                    Math.Pow(c.R * 255 * 0.85 - mean[0], 2) + Math.Pow(c.G * 255 * 0.85 - mean[1], 2) + Math.Pow(c.B * 255 * 0.85 - mean[2], 2)
                )!;
                Assert.Equal(o.ColourWord, nearest.Word);
                // Shape: how much of its own box it fills (disc π/4, square 1, triangle ½).
                var fill = s.Area / (double)(s.Width * s.Height);
                var shape =
                    fill > 0.9 ? "square"
                    : fill > 0.65 ? "circle"
                    : "triangle";
                Assert.True(shape == o.ShapeWord, $"id {id}: {o.ShapeWord} fills {fill:F2} of its box");
                // Size: width relative to the image (small ≈ 0.17–0.22, large ≈ 0.32–0.42).
                Assert.Equal(o.SizeWord, s.Width / (double)size > 0.27 ? "large" : "small");
            }
            if (d.Relation is { } relation)
            {
                Assert.False(scene.ObjectMasks[0].Zip(scene.ObjectMasks[1]).Any(p => p.First && p.Second), "objects overlap");
                var (main, other) = (stats[0], stats[1]);
                var delta = relation.Token switch
                {
                    "above" => other.Cy - main.Cy,
                    "below" => main.Cy - other.Cy,
                    "left_of" => other.Cx - main.Cx,
                    _ => main.Cx - other.Cx,
                };
                Assert.True(delta > 0.3 * size, $"id {id}: '{relation.Phrase}' but the centres are {delta:F1} px apart along the axis");
            }
            // The written box is the tightest one around every object.
            var box = corpus.All[id].BoundingBox!.Value;
            var union = Measure(scene.ObjectMasks.Aggregate((x, y) => x.Zip(y, (p, q) => p || q).ToArray()), size);
            Assert.Equal(new PixelBox(union.Left, union.Top, union.Width, union.Height), box);
        }
    }

    [Fact]
    public void Making_it_through_the_registry_speaks_the_captions_once()
    {
        using var dir = new Fixtures.TempFolder();
        var made = CorpusRegistry.Find("spoken-shapes")?.Maker!;
        var first = made.Write(dir.Root, new EmbeddedCorpusRequest(Preset.Smoke, Seed: 1, Count: 1, Size: 32));
        Assert.Contains("10 utterances spoken, 0 reused", first);
        var again = made.Write(dir.Root, new EmbeddedCorpusRequest(Preset.Smoke, Seed: 1, Count: 1, Size: 32));
        Assert.Contains("0 utterances spoken, 10 reused", again);
        var spoken = new SpokenCaptionCorpus(new CubCorpus(dir.Root), SpokenShapesCorpus.SpeechCache(dir.Root));
        var image = spoken.Corpus.All[0];
        using var example = spoken.Load(image, CaptionImageOptions.Evaluation(16), null);
        Assert.Equal(10, example.UtterancePaths.Count);
        var manifest = SpokenCaptionManifest.Read(spoken.Speech.ManifestPath);
        Assert.Equal(image.Captions.ToHashSet(), manifest.Values.Select(u => u.Text).ToHashSet());
        Assert.Equal(4, manifest.Values.Select(u => u.Voice).Distinct().Count()); // all four voices speak
    }

    private sealed record Extent(int Left, int Top, int Width, int Height, int Area, double Cx, double Cy);

    private static Extent Measure(bool[] mask, int size)
    {
        var points = mask.Select((on, i) => (on, y: i / size, x: i % size)).Where(p => p.on).ToArray();
        int left = points.Min(p => p.x),
            right = points.Max(p => p.x),
            top = points.Min(p => p.y),
            bottom = points.Max(p => p.y);
        return new Extent(left, top, right - left + 1, bottom - top + 1, points.Length, points.Average(p => p.x), points.Average(p => p.y));
    }
}

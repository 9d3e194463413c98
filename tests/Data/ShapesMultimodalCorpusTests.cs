using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data;

public class ShapesMultimodalCorpusTests
{
    private static readonly ShapesOptions Small = new(48, 32, 3);

    [Fact]
    public void The_written_corpus_reads_back_through_the_CelebAMaskHq_reader_split_as_shapes_is()
    {
        using var dir = new Fixtures.TempFolder();
        var options = new ShapesOptions(12, 32, 5);
        var corpus = ShapesMultimodalCorpus.Write(dir.Root, options);
        Assert.True(File.Exists(Path.Combine(dir.Root, "shapes-multimodal-corpus.json")));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 10, 11], corpus.Ids(CelebASplit.Train));
        Assert.Equal([8], corpus.Ids(CelebASplit.Val));
        Assert.Equal([9], corpus.Ids(CelebASplit.Test));
        for (var id = 0; id < options.Count; id++)
        {
            var scene = ShapesMultimodalCorpus.Render(options, id);
            using var labels = corpus.ReadLabels(id);
            Assert.Equal(scene.Labels.Select(l => (long)l).ToArray(), labels.ToArray<long>());
            using var photo = corpus.ReadPhoto(id);
            Assert.Equal(scene.Photo, photo.ToArray<byte>());
        }
    }

    [Fact]
    public void The_same_seed_and_id_render_the_same_bytes_and_other_ones_other_photos()
    {
        var a = ShapesScene.Render(7, 3, 64, ShapesLook.Multimodal);
        var b = ShapesScene.Render(7, 3, 64, ShapesLook.Multimodal);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Photo, b.Photo);
        Assert.NotEqual(a.Photo, ShapesScene.Render(8, 3, 64, ShapesLook.Multimodal).Photo);
        Assert.NotEqual(a.Photo, ShapesScene.Render(7, 4, 64, ShapesLook.Multimodal).Photo);
        Assert.NotEqual(a.Photo, ShapesScene.Render(7, 3, 64).Photo);
    }

    [Fact]
    public void Clutter_and_appearance_leave_the_labels_and_masks_those_of_the_classic_look()
    {
        // The appearance has a stream of its own, so the label maps are the published shapes' maps.
        for (var id = 0; id < 200; id++)
        {
            var classic = ShapesScene.Render(0, id, 32);
            var multimodal = ShapesScene.Render(0, id, 32, ShapesLook.Multimodal);
            Assert.Equal(classic.Labels, multimodal.Labels);
            for (var k = 0; k < classic.ClassMasks.Length; k++)
                Assert.Equal(classic.ClassMasks[k], multimodal.ClassMasks[k]);
        }
    }

    [Fact]
    public void A_class_varies_far_more_in_colour_between_instances_than_in_shapes()
    {
        foreach (var cls in ShapesClasses.Drawn)
        {
            var classic = InstanceColourSpread(ShapesLook.Classic, cls);
            var multimodal = InstanceColourSpread(ShapesLook.Multimodal, cls);
            Assert.True(multimodal >= 3 * classic, $"{cls.Name}: colour spread {multimodal:F1} (shapes: {classic:F1})");
        }
    }

    [Fact]
    public void The_background_clutter_is_muted_so_colour_still_tells_shapes_from_background()
    {
        var (background, shapes) = (new List<int>(), new List<int>());
        for (var id = 0; id < Small.Count; id++)
        {
            var scene = ShapesCorpus.Render(Small, id, ShapesLook.Multimodal);
            for (var p = 0; p < scene.Labels.Length; p++)
                (scene.Labels[p] == 0 ? background : shapes).Add(Chroma(scene.Photo, p));
        }
        background.Sort();
        shapes.Sort();
        var (mutedBackground, vividShapes) = (background[(int)(0.99 * background.Count)], shapes[(int)(0.05 * shapes.Count)]);
        Assert.True(mutedBackground < vividShapes, $"99% of background chroma ≤ {mutedBackground}, 95% of shapes' ≥ {vividShapes}");
    }

    [Fact]
    public void Its_made_folder_is_keyed_by_the_multimodal_look_beside_shapes()
    {
        using var data = new DataRootScope();
        var multimodal = ImageToImageData.ShapesMultimodal(10, 32);
        var classic = ImageToImageData.Shapes(10, 32);
        Assert.Equal(Path.Combine(data.Path, "shapes-multimodal", $"v{ShapesScene.Version}-multimodal1-seed0-n10-64px"), multimodal.Root);
        Assert.Equal(Path.Combine(data.Path, "shapes", $"v{ShapesScene.Version}-seed0-n10-64px"), classic.Root);
        using var labels = multimodal.ReadLabels(9);
        using var classicLabels = classic.ReadLabels(9);
        Assert.Equal(classicLabels.ToArray<long>(), labels.ToArray<long>());
    }

    // The spread (std over instances, mean over RGB, in 8-bit levels) of one class' per-scene mean colour.
    private static double InstanceColourSpread(ShapesLook look, ShapesClass cls)
    {
        var means = new List<double[]>();
        for (var id = 0; id < Small.Count; id++)
        {
            var scene = ShapesCorpus.Render(Small, id, look);
            var pixels = Enumerable.Range(0, scene.Labels.Length).Where(p => scene.Labels[p] == cls.Label).ToList();
            if (pixels.Count >= 10)
                means.Add([.. Enumerable.Range(0, 3).Select(c => pixels.Average(p => (double)scene.Photo[3 * p + c]))]);
        }
        Assert.True(means.Count >= 10, $"{cls.Name} is in only {means.Count} scenes");
        return Enumerable.Range(0, 3).Average(c => StandardDeviation(means.Select(m => m[c]).ToList()));
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    private static int Chroma(byte[] photo, int pixel)
    {
        var rgb = photo.AsSpan(3 * pixel, 3);
        return Math.Max(rgb[0], Math.Max(rgb[1], rgb[2])) - Math.Min(rgb[0], Math.Min(rgb[1], rgb[2]));
    }
}

using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// The segmenter path on tiny_segmenter.pt (tests/fixtures/make_network_metric_fixtures.py: a 1×1 convolution to 5
/// class scores), checked against the same convolution applied by hand to the normalised pixels.
/// </summary>
public class SegmenterTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();
    private readonly OrderedDictionary<string, Tensor> weights = SafeTensors.Load(Fixtures.Path("tiny_network_metric_weights.safetensors"));

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private static SegmenterSpec Tiny => SegmenterSpec.FromFile(Fixtures.Path("tiny_segmenter.pt"), 5);

    private static Tensor RandomImage(long seed, long height = 12, long width = 10) =>
        randint(256, new long[] { height, width, 3 }, ScalarType.Byte, generator: new Generator().manual_seed(seed));

    /// <summary>argmax over classes of W·x + b per pixel, x = (pixels − mean) / std in the given channel order.</summary>
    private Tensor ByHand(Tensor hwc, double[] mean, double[] std, bool bgr = false)
    {
        var x = hwc.to(ScalarType.Float64);
        if (bgr)
            x = x.flip(2);
        x = x.sub(tensor(mean)).div(tensor(std));
        var scores = x.matmul(weights["segmenter.weight"].to(ScalarType.Float64).T).add(weights["segmenter.bias"].to(ScalarType.Float64));
        return scores.argmax(2);
    }

    [Fact]
    public void Labels_are_the_argmax_of_the_networks_scores_on_normalised_pixels()
    {
        var image = RandomImage(1);
        using var segmenter = Segmenter.Load(Tiny);
        var labels = segmenter.Predict(image);
        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal(ByHand(image, [127.5, 127.5, 127.5], [127.5, 127.5, 127.5]).ToArray<long>(), labels.ToArray<long>());
        Assert.True(labels.max().ToInt64() > labels.min().ToInt64()); // random pixels: more than one class, so the argmax is seen
    }

    [Fact]
    public void Channel_order_mean_and_std_follow_the_spec()
    {
        var image = RandomImage(2);
        var spec = Tiny with { Mean = [10, 200, 30], Std = [20, 3, 40], Bgr = true };
        using var segmenter = Segmenter.Load(spec);
        Assert.Equal(ByHand(image, [10, 200, 30], [20, 3, 40], bgr: true).ToArray<long>(), segmenter.Predict(image).ToArray<long>());
    }

    [Fact]
    public void A_fixed_input_size_is_resized_to_and_the_labels_back_with_nearest_neighbour()
    {
        var image = RandomImage(3, 16, 16);
        using var segmenter = Segmenter.Load(Tiny with { InputHeight = 8, InputWidth = 8 });
        var small = ByHand(Resize.Hwc(image, 8, 8), [127.5, 127.5, 127.5], [127.5, 127.5, 127.5]);
        var expected = small.unsqueeze(1).unsqueeze(3).expand(new long[] { 8, 2, 8, 2 }).reshape(16, 16); // nearest ×2: each label twice in y and x
        Assert.Equal(expected.ToArray<long>(), segmenter.Predict(image).ToArray<long>());
    }

    [Fact]
    public void Miou_images_accumulates_one_confusion_matrix_over_the_folder()
    {
        Directory.CreateDirectory(temp.File("images"));
        Directory.CreateDirectory(temp.File("labels"));
        var truths = new List<Tensor>();
        var predictions = new List<Tensor>();
        for (var i = 0; i < 3; i++)
        {
            var image = RandomImage(10 + i);
            ImageIO.Write(temp.File($"images/{i:D2}.png"), image);
            var predicted = ByHand(image, [127.5, 127.5, 127.5], [127.5, 127.5, 127.5]);
            var truth = predicted.clone();
            // Image 1: a block of wrong labels; image 2: a block marked ignore.
            if (i == 1)
                truth.narrow(0, 0, 4).copy_(truth.narrow(0, 0, 4).add(Scalars.Of(1)).remainder(Scalars.Of(5)));
            if (i == 2)
                truth.narrow(1, 0, 3).fill_(Scalars.Of(255));
            LabelMap.Write(temp.File($"labels/{i:D2}.png"), truth);
            truths.Add(truth.flatten());
            predictions.Add(predicted.flatten());
        }
        var expected = SegmentationScores.FromLabels(cat(truths, 0), cat(predictions, 0), 5);

        var (code, stdout, stderr) = TinyMiouOfFolders();
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout.Trim())!;
        Assert.Equal(expected.MeanIou, result["value"]!.GetValue<double>(), 1e-12);
        Assert.Equal(expected.PixelAccuracy, result["pixel_accuracy"]!.GetValue<double>(), 1e-12);
        Assert.Equal(1 - 40.0 / (360 - 36), expected.PixelAccuracy, 1e-12); // 40 wrong of 360 − 36 ignored pixels
        Assert.Equal(3, result["images"]!.GetValue<int>());
    }

    [Fact]
    public void Miou_images_resizes_each_image_to_its_label_maps_size_first()
    {
        Directory.CreateDirectory(temp.File("images"));
        Directory.CreateDirectory(temp.File("labels"));
        var image = RandomImage(40, 20, 20);
        ImageIO.Write(temp.File("images/x.png"), image);
        var atLabelSize = ByHand(Resize.Hwc(image, 10, 10), [127.5, 127.5, 127.5], [127.5, 127.5, 127.5]);
        LabelMap.Write(temp.File("labels/x.png"), atLabelSize); // exactly what pix2pix's protocol predicts
        var (code, stdout, stderr) = TinyMiouOfFolders();
        Assert.True(code == 0, stderr);
        Assert.Equal(1.0, JsonNode.Parse(stdout.Trim())!["pixel_accuracy"]!.GetValue<double>(), 1e-12);
    }

    [Fact]
    public void Segment_images_writes_the_predicted_label_maps()
    {
        Directory.CreateDirectory(temp.File("images"));
        var image = RandomImage(20);
        ImageIO.Write(temp.File("images/face.png"), image);
        var (code, _, stderr) = CliRunner.Run(
            "metric",
            "segment-images",
            "--deg-dir",
            temp.File("images"),
            "--set",
            $"segmenter={Fixtures.Path("tiny_segmenter.pt")}",
            "--set",
            "classes=5",
            "--set",
            $"out={temp.File("out")}"
        );
        Assert.True(code == 0, stderr);
        Assert.Equal(
            ByHand(image, [127.5, 127.5, 127.5], [127.5, 127.5, 127.5]).ToArray<long>(),
            LabelMap.Read(temp.File("out/face.png")).ToArray<long>()
        );
    }

    [Fact]
    public void Missing_networks_labels_and_names_are_clear_errors()
    {
        var missing = Assert.Throws<MissingEvaluatorException>(() => Segmenter.Load(Segmenters.FaceParsing, temp.File("evaluators")));
        Assert.Contains("run data-scripts/evaluators.sh, then the 'Segmenters' step of data-scripts/CONVERSION.md", missing.Message);
        Assert.Contains(Path.Combine(temp.File("evaluators"), "face-parsing.pt"), missing.Message);
        Assert.Throws<ArgumentException>(() => Segmenters.Named("cityscapes-fcn"));

        Directory.CreateDirectory(temp.File("images"));
        Directory.CreateDirectory(temp.File("labels"));
        ImageIO.Write(temp.File("images/a.png"), RandomImage(30));
        var (code, _, stderr) = TinyMiouOfFolders();
        Assert.Equal(1, code);
        Assert.Contains(Path.Combine(temp.File("labels"), "a.png"), stderr);

        using var wrongClasses = Segmenter.Load(SegmenterSpec.FromFile(Fixtures.Path("tiny_segmenter.pt"), 19));
        var ex = Assert.Throws<InvalidDataException>(() => wrongClasses.Predict(RandomImage(31)));
        Assert.Contains("expected [1, 19, H, W]", ex.Message);
    }

    // `dino metric miou-images` on temp's labels/ and images/ folders with the 5-class tiny segmenter.
    private (int exitCode, string stdout, string stderr) TinyMiouOfFolders() =>
        CliRunner.Run(
            "metric",
            "miou-images",
            "--ref-dir",
            temp.File("labels"),
            "--deg-dir",
            temp.File("images"),
            "--set",
            $"segmenter={Fixtures.Path("tiny_segmenter.pt")}",
            "--set",
            "classes=5"
        );
}

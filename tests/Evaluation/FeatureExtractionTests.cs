using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// The shared feature path (FeatureExtractor, FolderFeatures, FeatureCache) on the tiny TorchScript evaluator
/// of tests/fixtures/make_feature_fixtures.py, checked against the same network applied by hand with torch ops.
/// </summary>
public class FeatureExtractionTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();
    private readonly OrderedDictionary<string, Tensor> weights = SafeTensors.Load(Fixtures.Path("tiny_evaluators_weights.safetensors"));

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    internal static Evaluator TinyInception => Evaluator.FromFile(Fixtures.Path("tiny_inception.pt"), 16, "tiny Inception");

    /// <summary>Writes <paramref name="count"/> random 16×16 RGB PNGs and returns them as uint8 [N,16,16,3].</summary>
    internal static Tensor WriteImages(string folder, int count, long seed, int side = 16)
    {
        Directory.CreateDirectory(folder);
        var generator = new Generator().manual_seed(seed);
        var images = randint(256, new long[] { count, side, side, 3 }, ScalarType.Byte, generator: generator);
        for (var i = 0; i < count; i++)
            ImageIO.Write(Path.Combine(folder, $"img{i:D3}.png"), images[i]);
        return images;
    }

    /// <summary>FID of two folders through the kit-format fixture (tuple outputs, no keyword arguments).</summary>
    internal static double FidByKitFormatFixture(string a, string b)
    {
        using var extractor = FeatureExtractor.Load(TinyInception);
        using var sa = FolderFeatures.Statistics(a, extractor);
        using var sb = FolderFeatures.Statistics(b, extractor);
        return FrechetDistance.Compute(sa, sb);
    }

    /// <summary>The fixture network by hand: tanh(flatten(x/127.5 − 1)·W1 + b1), logits = f·W2 + b2.</summary>
    private (Tensor features, Tensor logits) ByHand(Tensor hwc)
    {
        var x = hwc.permute(0, 3, 1, 2).to(ScalarType.Float32).div(Scalars.Of(127.5)).sub(Scalars.Of(1.0)).flatten(1);
        var features = x.mm(weights["inception.w1"]).add(weights["inception.b1"]).tanh();
        return (features, features.mm(weights["inception.w2"]).add(weights["inception.b2"]));
    }

    [Fact]
    public void Features_of_a_folder_equal_the_network_applied_by_hand_across_batches()
    {
        var images = WriteImages(temp.File("real"), 7, seed: 1);
        using var extractor = FeatureExtractor.Load(TinyInception);
        var features = FolderFeatures.Features(temp.File("real"), extractor, batchSize: 3);
        Assert.Equal(3, extractor.ForwardCalls); // 7 images in batches of 3
        var (expected, _) = ByHand(images);
        Close.All(expected.to(ScalarType.Float64).ToArray<double>(), features.to(ScalarType.Float64).ToArray<double>(), atol: 1e-5);
    }

    [Fact]
    public void Larger_images_are_resized_to_the_evaluators_side()
    {
        var images = WriteImages(temp.File("big"), 2, seed: 2, side: 32);
        using var extractor = FeatureExtractor.Load(TinyInception);
        var features = FolderFeatures.Features(temp.File("big"), extractor);
        var (expected, _) = ByHand(Resize.Hwc(images, 16, 16));
        Close.All(expected.to(ScalarType.Float64).ToArray<double>(), features.to(ScalarType.Float64).ToArray<double>(), atol: 1e-5);
    }

    [Fact]
    public void Inception_score_uses_the_softmax_of_the_evaluators_logits()
    {
        var images = WriteImages(temp.File("fake"), 10, seed: 3);
        using var extractor = FeatureExtractor.Load(TinyInception);
        var probabilities = FolderFeatures.Probabilities(temp.File("fake"), extractor);
        var (_, logits) = ByHand(images);
        var l = logits.to(ScalarType.Float64);
        var independent = l.sub(l.logsumexp(1, keepdim: true)).exp(); // softmax without nn.functional
        var expected = InceptionScore.Compute(independent, splits: 2);
        var actual = InceptionScore.Compute(probabilities, splits: 2);
        Assert.Equal(expected.Mean, actual.Mean, 1e-6);
        Assert.Equal(expected.Std, actual.Std, 1e-6);
        Assert.True(actual.Mean > 1.0); // random logits: a score above the minimum, so the test sees the logits
    }

    [Fact]
    public void FID_of_a_folder_against_itself_is_zero_and_against_another_is_not()
    {
        WriteImages(temp.File("a"), 12, seed: 4);
        WriteImages(temp.File("b"), 12, seed: 5);
        using var extractor = FeatureExtractor.Load(TinyInception);
        using var a = FolderFeatures.Statistics(temp.File("a"), extractor);
        using var a2 = FolderFeatures.Statistics(temp.File("a"), extractor);
        using var b = FolderFeatures.Statistics(temp.File("b"), extractor);
        Assert.Equal(0.0, FrechetDistance.Compute(a, a2), 1e-6);
        Assert.True(FrechetDistance.Compute(a, b) > 1e-3);
    }

    [Fact]
    public void Cached_statistics_skip_the_network_until_an_image_changes()
    {
        var folder = temp.File("real");
        WriteImages(folder, 6, seed: 6);
        var cache = new FeatureCache(temp.File("cache"));
        using var extractor = FeatureExtractor.Load(TinyInception);

        using var first = FolderFeatures.Statistics(folder, extractor, cache);
        var calls = extractor.ForwardCalls;
        Assert.True(calls > 0);
        Assert.Single(Directory.GetFiles(cache.Folder, "stats-*.safetensors"));

        using var second = FolderFeatures.Statistics(folder, extractor, cache);
        Assert.Equal(calls, extractor.ForwardCalls); // read from the cache
        Assert.Equal(first.Mean.ToArray<double>(), second.Mean.ToArray<double>());
        Assert.Equal(first.Covariance.ToArray<double>(), second.Covariance.ToArray<double>());
        Assert.Equal(first.Count, second.Count);

        // Rewrite one image with other pixels: the key changes, the network runs again and the numbers follow.
        ImageIO.Write(Path.Combine(folder, "img000.png"), full(new long[] { 16, 16, 3 }, Scalars.Of(7), ScalarType.Byte));
        using var third = FolderFeatures.Statistics(folder, extractor, cache);
        Assert.True(extractor.ForwardCalls > calls);
        Assert.NotEqual(first.Mean.ToArray<double>(), third.Mean.ToArray<double>());
        Assert.Equal(2, Directory.GetFiles(cache.Folder, "stats-*.safetensors").Length);
        Assert.DoesNotContain(Directory.GetFiles(cache.Folder), f => Dino.Repro.IO.AtomicFile.IsTemporary(Path.GetFileName(f)));
    }

    [Fact]
    public void A_missing_evaluator_names_the_script_and_the_expected_path()
    {
        var folder = temp.File("evaluators");
        var ex = Assert.Throws<MissingEvaluatorException>(() => FeatureExtractor.Load(Evaluators.Inception, folder));
        Assert.Equal(
            $"the Inception evaluator is missing: run data-scripts/evaluators.sh (expected at "
                + $"{Path.Combine(Path.GetFullPath(folder), "inception-2015-12-05.pt")})",
            ex.Message
        );
        var i3d = Assert.Throws<MissingEvaluatorException>(() => FeatureExtractor.Load(Evaluators.I3d, folder));
        Assert.Contains(Path.Combine(Path.GetFullPath(folder), "i3d_torchscript.pt"), i3d.Message);
    }

    /// <summary>The NVIDIA-interface fixture (tiny_nvidia_inception.pt, the same weights) under Evaluators.Inception's calls.</summary>
    private static Evaluator NvidiaStyle => Evaluators.Inception with { FileName = Fixtures.Path("tiny_nvidia_inception.pt") };

    [Fact]
    public void Nvidias_interface_gives_features_with_return_features_and_probabilities_without_the_output_bias()
    {
        var images = WriteImages(temp.File("imgs"), 5, seed: 7);
        using var extractor = FeatureExtractor.Load(NvidiaStyle);
        var features = FolderFeatures.Features(temp.File("imgs"), extractor, batchSize: 2);
        Assert.Equal(3, extractor.ForwardCalls); // one keyword call per batch: probabilities were not asked for
        var (expected, _) = ByHand(images);
        Close.All(expected.to(ScalarType.Float64).ToArray<double>(), features.to(ScalarType.Float64).ToArray<double>(), atol: 1e-5);

        // stylegan2-ada's IS: softmax(features · W2), the output bias b2 left out.
        var probabilities = FolderFeatures.Probabilities(temp.File("imgs"), extractor, batchSize: 5);
        var logits = expected.mm(weights["inception.w2"]).to(ScalarType.Float64);
        var withoutBias = logits.sub(logits.logsumexp(1, keepdim: true)).exp();
        Close.All(withoutBias.ToArray<double>(), probabilities.ToArray<double>(), atol: 1e-6);
        var withBias = logits.add(weights["inception.b2"].to(ScalarType.Float64));
        Assert.True(withBias.sub(withBias.logsumexp(1, keepdim: true)).exp().sub(probabilities).abs().max().ToDouble() > 1e-3);
    }

    [Fact]
    public void An_evaluator_without_a_probabilities_call_says_so()
    {
        WriteImages(temp.File("imgs"), 2, seed: 8);
        using var extractor = FeatureExtractor.Load(NvidiaStyle with { ProbabilitiesKwargs = null });
        var ex = Assert.Throws<NotSupportedException>(() => FolderFeatures.Probabilities(temp.File("imgs"), extractor));
        Assert.Contains("no class probabilities", ex.Message);
        Assert.Equal(0, extractor.ForwardCalls);
    }
}

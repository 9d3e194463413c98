using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Tests.Evaluation.Video;

/// <summary>
/// FVD through the I3D-shaped fixture tiny_i3d.pt (tests/fixtures/make_network_metric_fixtures.py): forward(x,
/// rescale=False, resize=False, return_features=True) on float [N,3,T,224,224] in [−1,1] gives the linear map of
/// means over 2×4×4 blocks. The kit's preprocessing + call is checked against that formula applied by hand to the
/// original 32×32 frames (nearest ×7 makes each 56-pixel block exactly an 8-pixel block of the source).
/// </summary>
public class FrechetVideoDistanceTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();
    private readonly OrderedDictionary<string, Tensor> weights = SafeTensors.Load(Fixtures.Path("tiny_network_metric_weights.safetensors"));

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private static Evaluator TinyI3d => Evaluators.I3d with { FileName = Fixtures.Path("tiny_i3d.pt") };

    private static Tensor RandomFrames(long frames, long seed, long side = 32) =>
        randint(256, new long[] { frames, side, side, 3 }, ScalarType.Byte, generator: new Generator().manual_seed(seed));

    /// <summary>The fixture's features by hand from uint8 clips [N,T,32,32,3].</summary>
    private Tensor ByHand(Tensor clips)
    {
        var (n, t) = (clips.size(0), clips.size(1));
        var x = clips.to(ScalarType.Float32).div(Scalars.Of(127.5)).sub(Scalars.Of(1.0)).permute(0, 4, 1, 2, 3);
        var pooled = x.reshape(n, 3, 2, t / 2, 4, 8, 4, 8).mean(new long[] { 3, 5, 7 });
        return pooled.flatten(1).mm(weights["i3d.w"]).add(weights["i3d.b"]);
    }

    [Fact]
    public void I3d_features_are_the_fixture_applied_to_nearest_resized_clips_in_minus_one_to_one()
    {
        var clips = FrechetVideoDistance.Clips(RandomFrames(12, seed: 1), 4, "random");
        Assert.Equal(3, clips.Count);
        using var i3d = FeatureExtractor.Load(TinyI3d);
        var features = FrechetVideoDistance.Features(i3d, clips, batchSize: 2);
        Assert.Equal(new long[] { 3, 400 }, features.shape);
        Assert.Equal(2, i3d.ForwardCalls);
        Close.All(ByHand(stack(clips, 0)).to(ScalarType.Float64).ToArray<double>(), features.to(ScalarType.Float64).ToArray<double>(), atol: 1e-4);
    }

    [Fact]
    public void Fvd_is_the_frechet_distance_of_the_features_zero_for_the_same_clips()
    {
        var real = FrechetVideoDistance.Clips(RandomFrames(20, seed: 2), 2, "real");
        var fake = FrechetVideoDistance.Clips(RandomFrames(20, seed: 3), 2, "fake");
        using var i3d = FeatureExtractor.Load(TinyI3d);
        var expected = FrechetDistance.Compute(ByHand(stack(real, 0)), ByHand(stack(fake, 0)));
        var fvd = FrechetVideoDistance.Compute(i3d, real, fake, batchSize: 3);
        Assert.True(expected > 1.0);
        Assert.Equal(expected, fvd, 1e-4 * expected);
        // 10 clips in 400 dimensions: rank-deficient covariances, so "zero" holds to round-off relative to the scale.
        Assert.Equal(0.0, FrechetVideoDistance.Compute(i3d, real, real), 1e-5 * expected);
    }

    [Fact]
    public void Cli_fvd_cuts_each_video_into_clips()
    {
        LosslessVideo.Write(temp.File("real.mkv"), RandomFrames(9, seed: 4)); // 4 clips of 2; the ninth frame is dropped
        LosslessVideo.Write(temp.File("fake.mkv"), RandomFrames(8, seed: 5));
        var options = new[] { "--set", $"evaluator={Fixtures.Path("tiny_i3d.pt")}", "--set", "clip-frames=2" };
        var (code, stdout, stderr) = CliRunner.Run(["metric", "fvd", "--ref", temp.File("real.mkv"), "--deg", temp.File("fake.mkv"), .. options]);
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout.Trim())!;
        Assert.Equal(4, result["ref_clips"]!.GetValue<int>());
        using var i3d = FeatureExtractor.Load(TinyI3d);
        var expected = FrechetVideoDistance.Compute(
            i3d,
            FrechetVideoDistance.Clips(RandomFrames(8, seed: 4), 2, "real"),
            FrechetVideoDistance.Clips(RandomFrames(8, seed: 5), 2, "fake")
        );
        Assert.Equal(expected, result["value"]!.GetValue<double>(), 1e-6 * expected);

        Directory.CreateDirectory(temp.File("a"));
        File.Copy(temp.File("real.mkv"), temp.File("a/one.mkv"));
        File.Copy(temp.File("fake.mkv"), temp.File("a/two.mkv"));
        (code, stdout, stderr) = CliRunner.Run(["metric", "fvd-videos", "--ref-dir", temp.File("a"), "--deg-dir", temp.File("a"), .. options]);
        Assert.True(code == 0, stderr);
        var pooled = JsonNode.Parse(stdout.Trim())!;
        Assert.Equal(8, pooled["ref_clips"]!.GetValue<int>()); // 4 + 4 clips from the two videos
        Assert.Equal(0.0, pooled["value"]!.GetValue<double>(), 1e-5 * expected);
    }

    [Fact]
    public void A_missing_i3d_says_to_run_the_evaluators_script()
    {
        LosslessVideo.Write(temp.File("v.mkv"), RandomFrames(4, seed: 6));
        var (code, stdout, stderr) = CliRunner.Run(
            "metric",
            "fvd",
            "--ref",
            temp.File("v.mkv"),
            "--deg",
            temp.File("v.mkv"),
            "--set",
            $"evaluators-dir={temp.File("evaluators")}"
        );
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains(
            $"the I3D evaluator is missing: run data-scripts/evaluators.sh (expected at "
                + $"{Path.Combine(temp.File("evaluators"), "i3d_torchscript.pt")})",
            stderr
        );
    }

    [Fact]
    public void Too_few_frames_or_clips_are_clear_errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => FrechetVideoDistance.Clips(RandomFrames(3, seed: 7), 4, "short.mp4"));
        Assert.Contains("short.mp4 has 3 frames, fewer than one clip of 4", ex.Message);
        using var i3d = FeatureExtractor.Load(TinyI3d);
        var one = FrechetVideoDistance.Clips(RandomFrames(2, seed: 8), 2, "one");
        Assert.Throws<ArgumentException>(() => FrechetVideoDistance.Compute(i3d, one, one)); // a covariance needs 2 clips
    }
}

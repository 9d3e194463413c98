using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Video;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation.Video;

/// <summary>
/// Per-frame SSIM/PSNR/LPIPS on videos. Reference values: /work/shared/testdata/expected.json (skimage 0.19.3 on
/// the image pairs), carried into lossless videos whose frames are those images; LPIPS against the tiny fixture
/// networks (AlexNet and VGG interfaces) evaluated by hand.
/// </summary>
public class PerFrameVideoMetricTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private static readonly string[] ChelseaCases = ["noise20", "blur2", "jpeg10"];
    private static readonly string[] ShortChelseaCases = ["noise20", "blur2"];
    private static readonly string[] CoffeeCases = ["jpeg10"];

    /// <summary>A reference video (the clean image repeated) and a degraded one (one distortion per frame), in ref/ and deg/.</summary>
    private void WriteClip(string image, string[] cases)
    {
        Directory.CreateDirectory(temp.File("ref"));
        Directory.CreateDirectory(temp.File("deg"));
        var clean = TestData.PathOf($"images/{image}.png");
        LosslessVideo.Write(temp.File($"ref/{image}.mkv"), LosslessVideo.FramesOf(cases.Select(_ => clean)));
        LosslessVideo.Write(temp.File($"deg/{image}.mkv"), LosslessVideo.FramesOf(cases.Select(c => TestData.PathOf($"images/{image}_{c}.png"))));
    }

    private static double Expected(string image, string[] cases, string key) =>
        cases.Average(c => TestData.Case($"images/{image}_{c}")[key]!.GetValue<double>());

    [Fact]
    public void Lossless_test_videos_give_back_their_frames()
    {
        var frames = randint(256, new long[] { 3, 14, 18, 3 }, ScalarType.Byte, generator: new Generator().manual_seed(1));
        var read = VideoReader.ReadAll(LosslessVideo.Write(temp.File("v.mkv"), frames));
        Assert.True(frames.Equals(read));
    }

    [Fact]
    public void Ssim_and_psnr_of_a_clip_are_the_means_of_the_per_image_reference_values()
    {
        WriteClip("chelsea", ChelseaCases);
        var (reference, degraded) = VideoPair.Read(temp.File("ref/chelsea.mkv"), temp.File("deg/chelsea.mkv"));
        var ssim = PerFrameVideoMetric.Ssim(reference, degraded);
        Assert.Equal(3, ssim.PerFrame.Length);
        for (var i = 0; i < 3; i++)
            Assert.Equal(TestData.Case($"images/chelsea_{ChelseaCases[i]}")["ssim_rgb"]!.GetValue<double>(), ssim.PerFrame[i], 1e-7);
        Assert.Equal(Expected("chelsea", ChelseaCases, "ssim_rgb"), ssim.Mean, 1e-7);
        Assert.Equal(Expected("chelsea", ChelseaCases, "psnr_rgb"), PerFrameVideoMetric.Psnr(reference, degraded).Mean, 1e-9);
    }

    [Theory]
    [InlineData("video-ssim", "ssim_rgb", 1e-7)]
    [InlineData("video-psnr", "psnr_rgb", 1e-9)]
    public void Folders_of_clips_average_per_clip_then_over_clips(string metric, string key, double tolerance)
    {
        // Clips of 2 frames and 1 frame: the mean of clip means differs from the mean over all 3 frames.
        WriteClip("chelsea", ShortChelseaCases);
        WriteClip("coffee", CoffeeCases);
        var (code, stdout, stderr) = CliRunner.Run("metric", metric, "--ref-dir", temp.File("ref"), "--deg-dir", temp.File("deg"));
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(3, lines.Length); // chelsea, coffee, summary
        var chelsea = Expected("chelsea", ShortChelseaCases, key);
        var coffee = Expected("coffee", CoffeeCases, key);
        Assert.Equal(chelsea, lines[0]["value"]!.GetValue<double>(), tolerance);
        Assert.Equal(2, lines[0]["frames"]!.GetValue<int>());
        Assert.Equal(coffee, lines[1]["value"]!.GetValue<double>(), tolerance);
        Assert.Equal((chelsea + coffee) / 2, lines[2]["value"]!.GetValue<double>(), tolerance);
    }

    [Fact]
    public void Identical_videos_give_ssim_one_and_infinite_psnr()
    {
        var frames = randint(256, new long[] { 4, 16, 20, 3 }, ScalarType.Byte, generator: new Generator().manual_seed(2));
        LosslessVideo.Write(temp.File("a.mkv"), frames);
        LosslessVideo.Write(temp.File("b.mkv"), frames);
        var (reference, degraded) = VideoPair.Read(temp.File("a.mkv"), temp.File("b.mkv"));
        Assert.All(PerFrameVideoMetric.Ssim(reference, degraded).PerFrame, v => Assert.Equal(1.0, v, 1e-12));
        Assert.Equal(double.PositiveInfinity, PerFrameVideoMetric.Psnr(reference, degraded).Mean);

        var (code, stdout, stderr) = CliRunner.Run("metric", "video-ssim", "--ref", temp.File("a.mkv"), "--deg", temp.File("b.mkv"));
        Assert.True(code == 0, stderr);
        Assert.Equal(1.0, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-12);
    }

    [Theory]
    [InlineData("alex", "tiny_lpips.pt")]
    [InlineData("vgg", "tiny_nvidia_vgg16.pt")]
    public void Video_lpips_is_the_fixture_network_by_hand_averaged_over_frames(string net, string fixture)
    {
        var generator = new Generator().manual_seed(3);
        var a = randint(256, new long[] { 5, 12, 12, 3 }, ScalarType.Byte, generator: generator);
        var b = randint(256, new long[] { 5, 12, 12, 3 }, ScalarType.Byte, generator: generator);
        LosslessVideo.Write(temp.File("a.mkv"), a);
        LosslessVideo.Write(temp.File("b.mkv"), b);
        Func<Tensor, Tensor, double> byHand = net == "vgg" ? LpipsVggByHand.Distance : TinyLpipsByHand;
        var perFrame = Enumerable.Range(0, 5).Select(t => byHand(a[t], b[t])).ToArray();

        var (code, stdout, stderr) = CliRunner.Run(
            "metric",
            "video-lpips",
            "--ref",
            temp.File("a.mkv"),
            "--deg",
            temp.File("b.mkv"),
            "--set",
            $"net={net}",
            "--set",
            $"evaluator={Fixtures.Path(fixture)}",
            "--set",
            "batch=2"
        );
        Assert.True(code == 0, stderr);
        Assert.Equal(perFrame.Average(), JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-5);
    }

    /// <summary>tiny_lpips.pt by hand on uint8 [H,W,3] frames: mean over (o,h,w) of (Σ_c w[o,c]·(x − y)[c,h,w])², x and y in [−1,1].</summary>
    private static double TinyLpipsByHand(Tensor x, Tensor y)
    {
        var w = SafeTensors.Load(Fixtures.Path("tiny_evaluators_weights.safetensors"))["lpips.w"];
        var d = x.to(ScalarType.Float32).sub(y.to(ScalarType.Float32)).div(Scalars.Of(127.5)).permute(2, 0, 1).reshape(3, -1);
        return w.mm(d).square().mean().to(ScalarType.Float64).ToDouble();
    }

    [Fact]
    public void Videos_of_different_length_or_size_are_refused_naming_both_files()
    {
        LosslessVideo.Write(temp.File("three.mkv"), zeros(new long[] { 3, 16, 16, 3 }, ScalarType.Byte));
        LosslessVideo.Write(temp.File("two.mkv"), zeros(new long[] { 2, 16, 16, 3 }, ScalarType.Byte));
        var ex = Assert.Throws<ArgumentException>(() => VideoPair.Read(temp.File("three.mkv"), temp.File("two.mkv")));
        Assert.Contains("three.mkv", ex.Message);
        Assert.Contains("two.mkv", ex.Message);

        File.WriteAllBytes(temp.File("broken.mkv"), File.ReadAllBytes(temp.File("three.mkv"))[..40]);
        var (code, _, stderr) = CliRunner.Run("metric", "video-psnr", "--ref", temp.File("three.mkv"), "--deg", temp.File("broken.mkv"));
        Assert.Equal(1, code);
        Assert.Contains("broken.mkv", stderr);
        var (missing, _, missingErr) = CliRunner.Run(
            "metric",
            "video-lpips",
            "--ref",
            temp.File("three.mkv"),
            "--deg",
            temp.File("three.mkv"),
            "--set",
            $"evaluators-dir={temp.File("none")}"
        );
        Assert.Equal(1, missing);
        Assert.Contains("run data-scripts/evaluators.sh", missingErr);
    }
}

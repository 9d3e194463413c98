using System.Text.Json.Nodes;
using Dino.Repro.Metrics.Features;
using Dino.Repro.Metrics.Image;
using Dino.Repro.Tests.Metrics.Video;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Vision;
using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Tests.Metrics;

/// <summary>
/// LPIPS-VGG through NVIDIA's vgg16.pt interface, on tiny_nvidia_vgg16.pt (make_lpips_vgg_fixture.py): the kit's
/// value must equal LPIPS computed by its definition from the fixture's weights. The fixture answers a call
/// without resize_images=False or return_lpips=True, or a [-1,1] input, with a different number.
/// </summary>
public class LpipsVggTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private static readonly Evaluator TinyVgg = Evaluators.LpipsVgg.WithFile(Fixtures.Path("tiny_nvidia_vgg16.pt"));

    /// <summary>
    /// LPIPS of uint8 [H,W,3] images (even sides) through the fixture's two layers, in float64: Σ over layers of the
    /// spatial mean of Σ_c lin[c]·(f̂x − f̂y)², f̂ = f / (‖f‖ over channels + 1e-10) (Zhang et al. 2018, eq. 1).
    /// </summary>
    internal static double ByHand(Tensor x, Tensor y)
    {
        var weights = SafeTensors.load(Fixtures.Path("tiny_lpips_vgg_weights.safetensors"));
        Tensor W(string key) => weights[key].to(ScalarType.Float64);
        (Tensor, Tensor) Layers(Tensor hwc)
        {
            var image = hwc.to(ScalarType.Float64).permute(2, 0, 1).div(127.5).sub(1.0);
            var (h, w) = (image.size(1), image.size(2));
            var f1 = (W("conv1.w").mm(image.reshape(3, -1)) + W("conv1.b").unsqueeze(1)).relu().reshape(4, h, w);
            var pooled = f1.reshape(4, h / 2, 2, w / 2, 2).mean(new long[] { 2, 4 });
            var f2 = (W("conv2.w").mm(pooled.reshape(4, -1)) + W("conv2.b").unsqueeze(1)).relu().reshape(5, h / 2, w / 2);
            return (f1, f2);
        }
        static Tensor Unit(Tensor f) => f / (f.square().sum(0, keepdim: true).sqrt() + 1e-10);
        double Layer(Tensor fx, Tensor fy, Tensor lin) => (lin.view(-1, 1, 1) * (Unit(fx) - Unit(fy)).square()).sum(0).mean().item<double>();
        var (x1, x2) = Layers(x);
        var (y1, y2) = Layers(y);
        return Layer(x1, y1, W("lin1")) + Layer(x2, y2, W("lin2"));
    }

    [Fact]
    public void Lpips_vgg_is_lpips_by_its_definition_from_the_fixture_weights()
    {
        var images = FeatureExtractionTests.WriteImages(temp.File("imgs"), 3, seed: 21);
        using var lpips = Lpips.Load(TinyVgg);
        var x = ImageTensor.ToChw(images[0]);
        foreach (var other in new[] { 1, 2 })
        {
            var expected = ByHand(images[0], images[other]);
            Assert.True(expected > 1e-3);
            Assert.Equal(expected, lpips.Distance(x, ImageTensor.ToChw(images[other])), 1e-5 * expected);
        }
        Assert.Equal(0.0, lpips.Distance(x, x), 1e-12);
        // A batch gives each pair's own distance.
        var batch = lpips.Distances(ImageTensor.ToChw(images[..2]), ImageTensor.ToChw(images[1..])).ToArray<double>();
        Close.All(new[] { ByHand(images[0], images[1]), ByHand(images[1], images[2]) }, batch, 1e-5);
    }

    [Fact]
    public void Lpips_cli_with_net_vgg_reads_vgg16_pt_from_the_evaluators_folder()
    {
        var images = FeatureExtractionTests.WriteImages(temp.File("imgs"), 2, seed: 22);
        var evaluators = temp.File("evaluators");
        var pair = new[] { "--ref", temp.File("imgs/img000.png"), "--deg", temp.File("imgs/img001.png"), "--set", $"evaluators-dir={evaluators}" };

        var (missing, _, missingErr) = CliRunner.Run(new[] { "metric", "lpips", "--set", "net=vgg" }.Concat(pair).ToArray());
        Assert.Equal(1, missing);
        Assert.Contains("evaluator is missing: run data-scripts/evaluators.sh", missingErr);
        Assert.Contains(Path.Combine(evaluators, "vgg16.pt"), missingErr);

        Directory.CreateDirectory(evaluators);
        File.Copy(Fixtures.Path("tiny_nvidia_vgg16.pt"), Path.Combine(evaluators, "vgg16.pt"));
        var (code, stdout, stderr) = CliRunner.Run(new[] { "metric", "lpips", "--set", "net=vgg" }.Concat(pair).ToArray());
        Assert.True(code == 0, stderr);
        var expected = ByHand(images[0], images[1]);
        Assert.Equal(expected, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-5 * expected);

        var (badNet, _, badNetErr) = CliRunner.Run(new[] { "metric", "lpips", "--set", "net=squeeze" }.Concat(pair).ToArray());
        Assert.Equal(1, badNet);
        Assert.Contains("net must be alex or vgg, got 'squeeze'", badNetErr);
    }

    [Fact]
    public void Video_lpips_with_net_vgg_is_the_mean_of_the_per_frame_distances_by_hand()
    {
        var generator = new Generator().manual_seed(23);
        var a = randint(256, new long[] { 3, 12, 14, 3 }, ScalarType.Byte, generator: generator);
        var b = randint(256, new long[] { 3, 12, 14, 3 }, ScalarType.Byte, generator: generator);
        LosslessVideo.Write(temp.File("a.mkv"), a);
        LosslessVideo.Write(temp.File("b.mkv"), b);
        var expected = Enumerable.Range(0, 3).Average(t => ByHand(a[t], b[t]));

        var (code, stdout, stderr) = CliRunner.Run("metric", "video-lpips", "--ref", temp.File("a.mkv"), "--deg", temp.File("b.mkv"),
            "--set", "net=vgg", "--set", $"evaluator={Fixtures.Path("tiny_nvidia_vgg16.pt")}", "--set", "batch=2");
        Assert.True(code == 0, stderr);
        Assert.Equal(expected, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-5 * expected);
    }
}

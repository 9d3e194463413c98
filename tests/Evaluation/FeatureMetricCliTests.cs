using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Features;
using Dino.Repro.Evaluation.Metrics.Image;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>`dino metric fid-images|kid-images|is-images|lpips` on the tiny fixtures, and LPIPS itself (AlexNet and VGG interfaces).</summary>
public class FeatureMetricCliTests : IDisposable
{
    private readonly DisposeScope scope = NewDisposeScope();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        scope.Dispose();
        temp.Dispose();
    }

    private string[] FixtureOptions() =>
        new[]
        {
            "--set",
            $"evaluator={Fixtures.Path("tiny_inception.pt")}",
            "--set",
            "evaluator-size=16",
            "--set",
            $"cache-dir={temp.File("cache")}",
        };

    [Fact]
    public void Fid_images_of_a_folder_against_itself_is_zero()
    {
        FeatureExtractionTests.WriteImages(temp.File("real"), 8, seed: 11);
        var (code, stdout, stderr) = CliRunner.Run(
            new[] { "metric", "fid-images", "--ref-dir", temp.File("real"), "--deg-dir", temp.File("real") }.Concat(FixtureOptions()).ToArray()
        );
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout.Trim())!;
        Assert.Equal("fid-images", result["metric"]!.GetValue<string>());
        Assert.Equal(0.0, result["value"]!.GetValue<double>(), 1e-6);
        Assert.Single(Directory.GetFiles(temp.File("cache"))); // the reference statistics were cached
    }

    [Fact]
    public void Is_and_kid_images_run_from_folders()
    {
        FeatureExtractionTests.WriteImages(temp.File("a"), 10, seed: 12);
        FeatureExtractionTests.WriteImages(temp.File("b"), 10, seed: 13);
        var (code, stdout, stderr) = CliRunner.Run(
            new[] { "metric", "is-images", "--deg-dir", temp.File("b"), "--splits", "2" }.Concat(FixtureOptions()).ToArray()
        );
        Assert.True(code == 0, stderr);
        Assert.True(JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>() > 1.0);

        (code, stdout, stderr) = CliRunner.Run(
            new[] { "metric", "kid-images", "--ref-dir", temp.File("a"), "--deg-dir", temp.File("b"), "--set", "subsets=3", "--set", "subset-size=5" }
                .Concat(FixtureOptions())
                .ToArray()
        );
        Assert.True(code == 0, stderr);
        Assert.True(double.IsFinite(JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>()));
    }

    [Fact]
    public void Fid_images_reads_nvidias_inception_from_the_evaluators_folder_by_keyword_call()
    {
        // The NVIDIA-interface fixture stands in for inception-2015-12-05.pt; 16×16 images, as it takes no other size.
        var evaluators = temp.File("evaluators");
        Directory.CreateDirectory(evaluators);
        File.Copy(Fixtures.Path("tiny_nvidia_inception.pt"), Path.Combine(evaluators, "inception-2015-12-05.pt"));
        FeatureExtractionTests.WriteImages(temp.File("a"), 6, seed: 16);
        FeatureExtractionTests.WriteImages(temp.File("b"), 6, seed: 17);
        var expected = FeatureExtractionTests.FidByKitFormatFixture(temp.File("a"), temp.File("b"));
        var (code, stdout, stderr) = CliRunner.Run(
            "metric",
            "fid-images",
            "--ref-dir",
            temp.File("a"),
            "--deg-dir",
            temp.File("b"),
            "--set",
            $"evaluators-dir={evaluators}",
            "--set",
            "cache-dir=none"
        );
        Assert.True(code == 0, stderr);
        Assert.Equal(expected, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-6 * Math.Max(1, expected));
        Assert.True(expected > 1e-3);
    }

    [Theory]
    [InlineData("fid-images", "inception-2015-12-05.pt")]
    [InlineData("is-images", "inception-2015-12-05.pt")]
    [InlineData("lpips", "lpips-alex.pt")]
    public void A_missing_evaluator_exits_1_naming_the_script_and_path(string metric, string file)
    {
        FeatureExtractionTests.WriteImages(temp.File("imgs"), 2, seed: 14);
        var evaluators = temp.File("evaluators");
        var inputs =
            metric == "lpips"
                ? new[] { "--ref", temp.File("imgs/img000.png"), "--deg", temp.File("imgs/img001.png") }
                : new[] { "--ref-dir", temp.File("imgs"), "--deg-dir", temp.File("imgs") };
        var (code, stdout, stderr) = CliRunner.Run(new[] { "metric", metric, "--set", $"evaluators-dir={evaluators}" }.Concat(inputs).ToArray());
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("evaluator is missing: run data-scripts/evaluators.sh", stderr);
        Assert.Contains(Path.Combine(evaluators, file), stderr);
    }

    [Fact]
    public void Lpips_equals_the_fixture_network_by_hand_and_is_zero_for_identical_images()
    {
        var images = FeatureExtractionTests.WriteImages(temp.File("imgs"), 2, seed: 15);
        var w = SafeTensors.Load(Fixtures.Path("tiny_evaluators_weights.safetensors"))["lpips.w"];
        var x = ImageTensor.ToChw(images[0]);
        var y = ImageTensor.ToChw(images[1]);
        // By hand: mean over (o,h,w) of (Σ_c w[o,c]·(x − y)[c,h,w])².
        var expected = w.mm((x - y).reshape(3, -1)).square().mean().to(ScalarType.Float64).ToDouble();

        var lpips = Lpips.Load(new Evaluator("tiny LPIPS", Fixtures.Path("tiny_lpips.pt"), null, EvaluatorOutputs.Distance));
        using (lpips)
        {
            Assert.Equal(expected, lpips.Distance(x, y), 1e-5);
            Assert.Equal(0.0, lpips.Distance(x, x), 1e-12);
            Assert.Throws<ArgumentException>(() => lpips.Distance(x.add(Scalars.Of(1)).mul(Scalars.Of(127.5)), y)); // [0,255] input refused
        }

        var (code, stdout, stderr) = CliRunner.Run(
            "metric",
            "lpips",
            "--ref",
            temp.File("imgs/img000.png"),
            "--deg",
            temp.File("imgs/img001.png"),
            "--set",
            $"evaluator={Fixtures.Path("tiny_lpips.pt")}"
        );
        Assert.True(code == 0, stderr);
        Assert.Equal(expected, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public void Lpips_vgg_is_lpips_by_its_definition_from_the_fixture_weights()
    {
        var images = FeatureExtractionTests.WriteImages(temp.File("imgs"), 3, seed: 21);
        using var lpips = Lpips.Load(LpipsVggByHand.Evaluator);
        var x = ImageTensor.ToChw(images[0]);
        foreach (var other in new[] { 1, 2 })
        {
            var expected = LpipsVggByHand.Distance(images[0], images[other]);
            Assert.True(expected > 1e-3);
            Assert.Equal(expected, lpips.Distance(x, ImageTensor.ToChw(images[other])), 1e-5 * expected);
        }
        Assert.Equal(0.0, lpips.Distance(x, x), 1e-12);
        var spoiled = x.clone().index_put_(Scalars.Of(double.NaN), 1, 2, 3);
        Assert.Equal("LPIPS: the second image contains NaN", Assert.Throws<ArgumentException>(() => lpips.Distance(x, spoiled)).Message);
        // A batch gives each pair's own distance.
        var batch = lpips.Distances(ImageTensor.ToChw(images[..2]), ImageTensor.ToChw(images[1..])).ToArray<double>();
        Close.All(new[] { LpipsVggByHand.Distance(images[0], images[1]), LpipsVggByHand.Distance(images[1], images[2]) }, batch, 1e-5);
    }

    [Fact]
    public void Lpips_with_net_vgg_reads_vgg16_pt_from_the_evaluators_folder_and_other_nets_are_refused()
    {
        var images = FeatureExtractionTests.WriteImages(temp.File("imgs"), 2, seed: 22);
        var evaluators = temp.File("evaluators");
        string[] Args(string net) =>
            [
                "metric",
                "lpips",
                "--ref",
                temp.File("imgs/img000.png"),
                "--deg",
                temp.File("imgs/img001.png"),
                "--set",
                $"evaluators-dir={evaluators}",
                "--set",
                $"net={net}",
            ];

        var (missing, _, missingErr) = CliRunner.Run(Args("vgg"));
        Assert.Equal(1, missing);
        Assert.Contains("evaluator is missing: run data-scripts/evaluators.sh", missingErr);
        Assert.Contains(Path.Combine(evaluators, "vgg16.pt"), missingErr);

        Directory.CreateDirectory(evaluators);
        File.Copy(Fixtures.Path("tiny_nvidia_vgg16.pt"), Path.Combine(evaluators, "vgg16.pt"));
        var (code, stdout, stderr) = CliRunner.Run(Args("vgg"));
        Assert.True(code == 0, stderr);
        var expected = LpipsVggByHand.Distance(images[0], images[1]);
        Assert.Equal(expected, JsonNode.Parse(stdout.Trim())!["value"]!.GetValue<double>(), 1e-5 * expected);

        var (badNet, _, badNetErr) = CliRunner.Run(Args("squeeze"));
        Assert.Equal(2, badNet); // a bad option value is a usage error
        Assert.Contains("net must be alex or vgg, got 'squeeze'", badNetErr);
    }
}

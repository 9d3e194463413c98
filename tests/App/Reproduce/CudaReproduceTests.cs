using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

/// <summary>Table 1's whole pipeline with every method on the GPU: train, translate, score, report. Skipped without a GPU.</summary>
public class CudaReproduceTests
{
    [CudaFact]
    public void Table_1_at_smoke_trains_and_scores_every_method_on_cuda()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run(
            "reproduce",
            DinoTable1.TableName,
            "--preset",
            "smoke",
            "--out",
            output.Root,
            "--set",
            "steps=3",
            "--set",
            "device=cuda",
            "--segmenter-steps",
            "20"
        );
        Assert.True(code == 0, stderr);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Root, DinoTable1.TableName, "results.json")))!;
        foreach (var (method, values) in results["methods"]!.AsObject())
        {
            var ssim = values![Table1Metrics.Ssim]!.GetValue<double>();
            Assert.True(double.IsFinite(ssim) && ssim is > -1 and <= 1, $"{method}: SSIM {ssim}");
        }
        foreach (var (_, run) in results["runs"]!.AsObject())
            Assert.Contains("\"device\": \"cuda\"", File.ReadAllText(Path.Combine(run!.GetValue<string>(), "options.json")));
    }
}

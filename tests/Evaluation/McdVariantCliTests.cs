using System.Text.Json.Nodes;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>`dino metric mcd --set variant=…`: the ESPnet/SPTK variants through the CLI, and their option errors.</summary>
public class McdVariantCliTests
{
    private const string Name = "audio/espeak_enus_shift322_babble10dB_16k";

    private static string[] Args(params string[] extra)
    {
        var c = TestData.Case(Name);
        return new[]
        {
            "metric",
            "mcd",
            "--ref",
            TestData.PathOf(c["reference"]!.GetValue<string>()),
            "--deg",
            TestData.PathOf(c["degraded"]!.GetValue<string>()),
        }
            .Concat(extra)
            .ToArray();
    }

    [Theory]
    [InlineData("espnet", "mcd_espnet_sptk")]
    [InlineData("sptk-nodtw", "mcd_sptk_nodtw_excl_c0")]
    public void The_variant_option_selects_the_sptk_computation(string variant, string key)
    {
        var (code, stdout, stderr) = CliRunner.Run(Args("--set", $"variant={variant}"));
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var result = JsonNode.Parse(stdout.Trim())!.AsObject();
        Assert.Equal(variant, result["variant"]!.GetValue<string>());
        Assert.Equal("dB", result["unit"]!.GetValue<string>());
        Assert.Equal(TestData.Case(Name)[key]!.GetValue<double>(), result["value"]!.GetValue<double>(), 1e-3);
    }

    [Theory]
    [InlineData("variant=kubichek", "variant must be taubert, espnet or sptk-nodtw, got 'kubichek'")]
    [InlineData("variant=espnet aligning=pad", "aligning applies to the taubert variant only")]
    public void Bad_variant_options_are_errors_that_say_why(string options, string message)
    {
        var sets = options.Split(' ').SelectMany(o => new[] { "--set", o }).ToArray();
        var (code, _, stderr) = CliRunner.Run(Args(sets));
        Assert.Equal(2, code); // bad option values: usage
        Assert.Contains(message, stderr);
    }
}

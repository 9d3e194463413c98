using System.Text.Json.Nodes;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation.Audio;

/// <summary>`dino metric pesq [--mode nb|wb]` on WAV pairs: reference values, the JSON fields, and mode/rate errors.</summary>
public class PesqCliTests
{
    private static string[] Pair(string name)
    {
        var c = TestData.Case(name);
        return new[] { "--ref", TestData.PathOf(c["reference"]!.GetValue<string>()), "--deg", TestData.PathOf(c["degraded"]!.GetValue<string>()) };
    }

    private static JsonObject Score(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return JsonNode.Parse(stdout.Trim())!.AsObject();
    }

    [Fact]
    public void Narrowband_is_the_default_and_reports_the_raw_score()
    {
        const string name = "audio/pesq_speech_bab0dB_8k";
        var result = Score(new[] { "metric", "pesq" }.Concat(Pair(name)).ToArray());
        var expected = TestData.Case(name);
        Assert.Equal("pesq", result["metric"]!.GetValue<string>());
        Assert.Equal("nb", result["mode"]!.GetValue<string>());
        Assert.Equal(8000, result["rate"]!.GetValue<int>());
        Assert.Equal(expected["pesq_nb_mos_lqo"]!.GetValue<double>(), result["value"]!.GetValue<double>(), 1e-5);
        Assert.Equal(expected["pesq_nb_raw_mos"]!.GetValue<double>(), result["raw_mos"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public void Wideband_mode_scores_16kHz_files_with_the_p862_2_mapping()
    {
        const string name = "audio/pesq_speech_bab0dB_16k";
        var result = Score(new[] { "metric", "pesq", "--mode", "wb" }.Concat(Pair(name)).ToArray());
        Assert.Equal("wb", result["mode"]!.GetValue<string>());
        Assert.Equal(16000, result["rate"]!.GetValue<int>());
        Assert.Null(result["raw_mos"]);
        Assert.Equal(TestData.Case(name)["pesq_wb_mos_lqo"]!.GetValue<double>(), result["value"]!.GetValue<double>(), 1e-5);
    }

    [Theory]
    [InlineData("audio/pesq_speech_bab0dB_8k", "wb", 1, "wideband mode (P.862.2) needs 16000 Hz audio, got 8000 Hz")] // the input
    [InlineData("audio/pesq_speech_bab0dB_16k", "swb", 2, "--mode must be nb or wb, got 'swb'")] // the command line: usage
    public void Bad_modes_are_errors(string name, string mode, int exitCode, string message)
    {
        var (code, _, stderr) = CliRunner.Run(new[] { "metric", "pesq", "--mode", mode }.Concat(Pair(name)).ToArray());
        Assert.Equal(exitCode, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Files_at_different_rates_are_an_error()
    {
        var (code, _, stderr) = CliRunner.Run(
            "metric",
            "pesq",
            "--ref",
            TestData.PathOf("audio/speech_16k.wav"),
            "--deg",
            TestData.PathOf("audio/speech_8k.wav")
        );
        Assert.Equal(1, code);
        Assert.Contains("sample rates differ: reference 16000 Hz, degraded 8000 Hz", stderr);
    }
}

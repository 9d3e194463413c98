using System.Text.Json.Nodes;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>`dino metric stoi|estoi|mcd` on WAV files: reference values through the CLI, options, and rate checks.</summary>
public class AudioMetricCliTests
{
    private static JsonObject Score(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return JsonNode.Parse(stdout.Trim())!.AsObject();
    }

    private static string[] Pair(string name)
    {
        var c = TestData.Case(name);
        return new[] { "--ref", TestData.PathOf(c["reference"]!.GetValue<string>()), "--deg", TestData.PathOf(c["degraded"]!.GetValue<string>()) };
    }

    [Theory]
    [InlineData("stoi", "stoi")]
    [InlineData("estoi", "estoi")]
    [InlineData("mcd", "mcd_taubert")]
    public void Scores_a_wav_pair_as_the_reference_does(string metric, string key)
    {
        const string name = "audio/espeak_enus_shift322_babble10dB_8k";
        var result = Score(new[] { "metric", metric }.Concat(Pair(name)).ToArray());
        Assert.Equal(metric, result["metric"]!.GetValue<string>());
        Assert.Equal(8000, result["sample_rate"]!.GetValue<int>());
        var expected = TestData.Case(name)[key]!.GetValue<double>();
        Assert.Equal(expected, result["value"]!.GetValue<double>(), 1e-9 * expected);
    }

    [Fact]
    public void Mcd_takes_the_alignment_as_a_set_option()
    {
        const string name = "audio/espeak_enus_shift322_babble10dB_16k";
        var expected = TestData.Case(name);
        var pad = Score(new[] { "metric", "mcd", "--set", "aligning=pad" }.Concat(Pair(name)).ToArray());
        Assert.Equal("pad", pad["aligning"]!.GetValue<string>());
        Assert.Equal(expected["mcd_taubert_pad"]!.GetValue<double>(), pad["value"]!.GetValue<double>(), 1e-8);
        var dtw = Score(new[] { "metric", "mcd" }.Concat(Pair(name)).ToArray());
        Assert.Equal(expected["mcd_taubert_penalty"]!.GetValue<double>(), dtw["penalty"]!.GetValue<double>(), 1e-12);

        var (code, _, stderr) = CliRunner.Run(new[] { "metric", "mcd", "--set", "aligning=warp" }.Concat(Pair(name)).ToArray());
        Assert.Equal(2, code); // a bad option value: usage
        Assert.Contains("aligning must be dtw, pad or none, got 'warp'", stderr);
    }

    [Theory]
    [InlineData("stoi")]
    [InlineData("estoi")]
    [InlineData("mcd")]
    public void Different_sample_rates_are_an_error_naming_both(string metric)
    {
        var (code, _, stderr) = CliRunner.Run(
            "metric",
            metric,
            "--ref",
            TestData.PathOf("audio/espeak_enus_clean_16k.wav"),
            "--deg",
            TestData.PathOf("audio/espeak_enus_clean_8k.wav")
        );
        Assert.Equal(1, code);
        Assert.Contains("sample rates differ: reference 16000 Hz, degraded 8000 Hz", stderr);
    }

    [Fact]
    public void A_rate_option_that_contradicts_the_files_is_an_error()
    {
        var (code, _, stderr) = CliRunner.Run(new[] { "metric", "stoi", "--rate", "8000" }.Concat(Pair("audio/espeak_enus_identity_16k")).ToArray());
        Assert.Equal(2, code); // the command line contradicts the files: usage
        Assert.Contains("--rate 8000 does not match the files' 16000 Hz", stderr);
    }

    [Fact]
    public void Stereo_files_and_length_mismatches_are_errors()
    {
        var dir = Directory.CreateTempSubdirectory("dino-audio-metric-");
        try
        {
            var tone = Enumerable.Range(0, 16000).Select(n => (float)(0.5 * Math.Sin(n * 0.05))).ToArray();
            var stereo = Path.Combine(dir.FullName, "stereo.wav");
            var mono = Path.Combine(dir.FullName, "mono.wav");
            var shorter = Path.Combine(dir.FullName, "shorter.wav");
            WavFile.Write(stereo, new AudioBuffer(new[] { tone, tone }, 16000));
            WavFile.Write(mono, tone, 16000);
            WavFile.Write(shorter, tone[..15000], 16000);
            var (code, _, stderr) = CliRunner.Run("metric", "stoi", "--ref", mono, "--deg", stereo);
            Assert.Equal(1, code);
            Assert.Contains("has 2 channels", stderr);
            (code, _, stderr) = CliRunner.Run("metric", "stoi", "--ref", mono, "--deg", shorter);
            Assert.Equal(1, code);
            Assert.Contains("lengths differ: 16000 vs 15000", stderr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

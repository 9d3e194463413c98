using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Bench;

/// <summary>
/// The metrics benchmark at a tiny size, kit side only (tests never run Python): it measures every row, the FID path
/// runs a kit-format TorchScript file (the tiny_inception.pt fixture), and the report's ratio is kit / PyTorch.
/// No timing is asserted — speed belongs to `dino bench metrics`.
/// </summary>
public class MetricsBenchTests
{
    private static readonly MetricsBenchSize Tiny = new(AudioSeconds: 1.5, Repeats: 1, FidBatch: 2, FidBatches: 2, ImageSize: 16);

    [Fact]
    public void The_tiny_bench_measures_every_row_and_prints_its_table()
    {
        var audio = MetricsBench.MeasureAudio(Tiny);
        foreach (
            var figure in new[]
            {
                audio.StoiMsPerS,
                audio.EstoiMsPerS,
                audio.McdTaubertMsPerS,
                audio.McdEspnetMsPerS,
                audio.PesqNbMsPerS,
                audio.PesqWbMsPerS,
            }
        )
            Assert.True(figure > 0 && double.IsFinite(figure), $"audio figure {figure}");
        var fid = MetricsBench.MeasureFid(Fixtures.Path("tiny_inception.pt"), Tiny);
        Assert.True(fid > 0 && double.IsFinite(fid), $"FID throughput {fid}");

        var withoutPyTorch = MetricsBench.Report(audio, fid, pytorch: null, Tiny);
        Assert.Null(withoutPyTorch["pytorch_fid_images_per_s"]);
        Assert.Null(withoutPyTorch["fid_ratio"]);
        var table = MetricsBench.Table(withoutPyTorch).Split('\n');
        Assert.Equal(9, table.Length);
        Assert.Contains(table, row => row.StartsWith("| STOI") && !row.Contains("n/a"));
        Assert.Contains(table, row => row.StartsWith("| MCD ESPnet/SPTK") && !row.Contains("n/a"));
        Assert.Contains(table, row => row.StartsWith("| PESQ wideband") && !row.Contains("n/a"));
        Assert.Contains(table, row => row.StartsWith("| FID features") && row.EndsWith("| n/a | n/a |"));

        // With a PyTorch figure the ratio is kit / PyTorch (a kit half as fast reads 0.5×).
        var pytorch = new JsonObject { ["fid_images_per_s"] = 2 * fid, ["parameters"] = 1234L };
        var report = MetricsBench.Report(audio, fid, pytorch, Tiny);
        Assert.Equal(0.5, report["fid_ratio"]!.GetValue<double>());
        Assert.Equal(1234L, report["fid_network_parameters"]!.GetValue<long>());
        Assert.EndsWith("| 0.50× |", MetricsBench.Table(report).Split('\n')[^1]);
        Assert.Equal("metrics", JsonNode.Parse(MetricsBench.Json(report))!["bench"]!.GetValue<string>());
    }

    [Fact]
    public void The_audio_pair_is_seeded_and_ten_decibels_apart()
    {
        var (reference, degraded) = MetricsBench.SpeechLikePair(1.5);
        Assert.Equal(24000, reference.Length);
        Assert.Equal(reference, MetricsBench.SpeechLikePair(1.5).reference);
        Assert.Equal(degraded, MetricsBench.SpeechLikePair(1.5).degraded);
        double signal = 0,
            noise = 0;
        for (var t = 0; t < reference.Length; t++)
        {
            signal += (double)reference[t] * reference[t];
            noise += ((double)degraded[t] - reference[t]) * ((double)degraded[t] - reference[t]);
        }
        Assert.Equal(10, 10 * Math.Log10(signal / noise), 0.3);
    }

    [Fact]
    public void Sizes_that_cannot_be_measured_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricsBench.MeasureAudio(Tiny with { AudioSeconds = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricsBench.MeasureFid(Fixtures.Path("tiny_inception.pt"), Tiny with { FidBatch = 0 }));
    }
}

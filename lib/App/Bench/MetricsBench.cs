using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Evaluation.Metrics.Features;

namespace Dino.Repro.App.Bench;

/// <summary>
/// The metrics benchmark: what the audio metrics (STOI, ESTOI, both MCDs, PESQ nb/wb) cost per second of audio (kit only: the reference tools are
/// Python packages this machine does not have), and FID feature-extraction throughput of one Inception-sized
/// TorchScript network run by the kit's FeatureExtractor and by PyTorch (bench/metrics_fid.py makes the file and
/// times its own side), in one run on this machine.
/// </summary>
public static class MetricsBench
{
    private const int SampleRate = 16000;

    public sealed record AudioFigures(
        double StoiMsPerS,
        double EstoiMsPerS,
        double McdTaubertMsPerS,
        double McdEspnetMsPerS,
        double PesqNbMsPerS,
        double PesqWbMsPerS
    );

    /// <summary>Median milliseconds of each audio metric, per second of audio, on a synthetic speech-like pair.</summary>
    public static AudioFigures MeasureAudio(MetricsBenchSize size, Action<string>? progress = null)
    {
        size.Validate();
        var (reference, degraded) = SpeechLikePair(size.AudioSeconds);
        double PerSecond(string name, Action score)
        {
            progress?.Invoke($"kit: {name} on {size.AudioSeconds:0.#} s of 16 kHz audio");
            return MedianMilliseconds(score, size.Repeats, warmUp: true) / size.AudioSeconds;
        }
        return new AudioFigures(
            PerSecond("STOI", () => ShortTimeObjectiveIntelligibility.Compute(reference, degraded, SampleRate)),
            PerSecond("ESTOI", () => ExtendedShortTimeObjectiveIntelligibility.Compute(reference, degraded, SampleRate)),
            PerSecond("MCD (Taubert)", () => MelCepstralDistance.Compute(reference, degraded, SampleRate)),
            PerSecond("MCD (ESPnet/SPTK)", () => SptkMelCepstralDistance.Compute(reference, degraded, SampleRate)),
            PerSecond("PESQ (P.862 nb)", () => PerceptualEvaluationOfSpeechQuality.Compute(reference, degraded, SampleRate, PesqMode.Narrowband)),
            PerSecond("PESQ (P.862.2 wb)", () => PerceptualEvaluationOfSpeechQuality.Compute(reference, degraded, SampleRate, PesqMode.Wideband))
        );
    }

    /// <summary>
    /// Images per second through <see cref="FeatureExtractor"/> (forward, float32 features, float64 softmax) with the
    /// kit-format TorchScript file <paramref name="network"/>: one warm-up batch, then the median of three passes.
    /// </summary>
    public static double MeasureFid(string network, MetricsBenchSize size, Action<string>? progress = null)
    {
        size.Validate();
        using var extractor = FeatureExtractor.Load(Evaluator.FromFile(network, inputSize: null, name: "Inception-sized bench network"));
        var count = size.FidBatch * size.FidBatches;
        using var images = torch.randint(0, 256, new long[] { count, 3, size.ImageSize, size.ImageSize }, ScalarType.Byte, generator: null);
        progress?.Invoke($"kit: FID features of {count} {size.ImageSize}×{size.ImageSize} images, batch {size.FidBatch}");
        // Warm-up on one batch only, as bench/metrics_fid.py: the first TorchScript call optimises the graph.
        using (var warm = images.narrow(0, 0, size.FidBatch))
            extractor.Extract(warm, size.FidBatch).Dispose();
        var seconds = MedianMilliseconds(warmUp: false, repeats: 3, action: () =>
            {
                using var features = extractor.Extract(images, size.FidBatch);
                if (features.RequireFeatures(extractor.Evaluator.Name).size(0) != count)
                    throw new InvalidOperationException(
                        $"{network} returned features for {features.RequireFeatures(extractor.Evaluator.Name).size(0)} of {count} images"
                    );
            }) / 1000;
        return count / seconds;
    }

    /// <summary>
    /// Runs bench/metrics_fid.py: it saves the network to <paramref name="network"/> and times PyTorch on it.
    /// Null (with the reason) when python3-torch is missing or the script fails.
    /// </summary>
    public static (JsonObject? figures, string? whyNot) MeasurePyTorch(string repoRoot, string network, MetricsBenchSize size)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            return (null, "no /usr/bin/python3");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (
            var arg in new[]
            {
                Path.Combine(repoRoot, "bench", "metrics_fid.py"),
                "--out",
                network,
                "--batch",
                Text(size.FidBatch),
                "--batches",
                Text(size.FidBatches),
                "--size",
                Text(size.ImageSize),
            }
        )
            info.ArgumentList.Add(arg);
        info.Environment["DINO_NUM_THREADS"] = Text(torch.get_num_threads());
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (
                null,
                stderr.Result.Contains("No module named 'torch'") ? "python3-torch is not installed (bench/run.sh installs it)" : stderr.Result.Trim()
            );
        return (JsonNode.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last())!.AsObject(), null);
    }

    public static JsonObject Report(AudioFigures audio, double? fidImagesPerSecond, JsonObject? pytorch, MetricsBenchSize size)
    {
        var py = pytorch?["fid_images_per_s"]?.GetValue<double>();
        return new JsonObject
        {
            ["bench"] = "metrics",
            ["stoi_ms_per_s"] = Round(audio.StoiMsPerS),
            ["estoi_ms_per_s"] = Round(audio.EstoiMsPerS),
            ["mcd_taubert_ms_per_s"] = Round(audio.McdTaubertMsPerS),
            ["mcd_espnet_ms_per_s"] = Round(audio.McdEspnetMsPerS),
            ["pesq_nb_ms_per_s"] = Round(audio.PesqNbMsPerS),
            ["pesq_wb_ms_per_s"] = Round(audio.PesqWbMsPerS),
            ["fid_images_per_s"] = Round(fidImagesPerSecond),
            ["pytorch_fid_images_per_s"] = Round(py),
            ["fid_ratio"] = Round(fidImagesPerSecond / py),
            ["fid_network_parameters"] = pytorch?["parameters"]?.GetValue<long>(),
            ["audio_seconds"] = size.AudioSeconds,
            ["image_size"] = size.ImageSize,
            ["fid_batch"] = size.FidBatch,
            ["threads"] = torch.get_num_threads(),
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public static string Table(JsonObject r)
    {
        string F(string key) => r[key] is null ? "n/a" : r[key]!.GetValue<double>().ToString("0.###", CultureInfo.InvariantCulture);
        var ratio = r["fid_ratio"] is null ? "n/a" : r["fid_ratio"]!.GetValue<double>().ToString("0.00", CultureInfo.InvariantCulture) + "×";
        return string.Join(
            '\n',
            "| measure | kit | PyTorch | kit / PyTorch |",
            "| --- | --- | --- | --- |",
            $"| STOI, ms per s of 16 kHz audio | {F("stoi_ms_per_s")} | — | — |",
            $"| ESTOI, ms per s of audio | {F("estoi_ms_per_s")} | — | — |",
            $"| MCD Taubert (DTW r=10), ms per s of audio | {F("mcd_taubert_ms_per_s")} | — | — |",
            $"| MCD ESPnet/SPTK (mcep + DTW r=1), ms per s of audio | {F("mcd_espnet_ms_per_s")} | — | — |",
            $"| PESQ narrowband (P.862), ms per s of audio | {F("pesq_nb_ms_per_s")} | — | — |",
            $"| PESQ wideband (P.862.2), ms per s of audio | {F("pesq_wb_ms_per_s")} | — | — |",
            $"| FID features, Inception-sized TorchScript, {r["image_size"]}², batch {r["fid_batch"]} (images/s) | {F("fid_images_per_s")} | "
                + $"{F("pytorch_fid_images_per_s")} | {ratio} |"
        );
    }

    public static string Json(JsonObject r) => r.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>
    /// A voiced, syllable-modulated harmonic signal with a gliding pitch (the shape STOI and MCD are made for)
    /// and the same with white noise at 10 dB SNR; seeded, so every run scores the same pair.
    /// </summary>
    public static (float[] reference, float[] degraded) SpeechLikePair(double seconds)
    {
        var random = new Random(2024);
        var n = (int)(seconds * SampleRate);
        var reference = new float[n];
        double phase = 0,
            power = 0;
        for (var t = 0; t < n; t++)
        {
            var time = (double)t / SampleRate;
            phase += 2 * Math.PI * (120 + 30 * Math.Sin(2 * Math.PI * 0.7 * time)) / SampleRate;
            var syllable = Math.Pow(Math.Sin(Math.PI * 3 * time), 2);
            double voiced = 0;
            for (var h = 1; h <= 20; h++)
                voiced += Math.Sin(h * phase) / h;
            reference[t] = (float)(0.1 * syllable * voiced + 0.001 * Gaussian(random));
            power += reference[t] * reference[t];
        }
        var noise = Math.Sqrt(power / n / 10);
        var degraded = reference.Select(s => (float)(s + noise * Gaussian(random))).ToArray();
        return (reference, degraded);
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The median of <paramref name="repeats"/> timed runs, after one untimed run (JIT, caches) when asked.</summary>
    private static double MedianMilliseconds(Action action, int repeats, bool warmUp)
    {
        if (warmUp)
            action();
        var times = new double[repeats];
        for (var k = 0; k < repeats; k++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[k] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double? Round(double? value) => value is null || !double.IsFinite(value.Value) ? null : Math.Round(value.Value, 3);
}

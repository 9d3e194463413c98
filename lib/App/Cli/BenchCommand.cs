using System.CommandLine;
using System.Text.Json.Nodes;
using Dino.Repro.App.Bench;
using Dino.Repro.IO;

namespace Dino.Repro.App.Cli;

/// <summary>`dino bench SUITE`: the kit and PyTorch side by side; last line is one JSON object for scripts.</summary>
internal static class BenchCommand
{
    private static readonly string[] Suites = ["foundation", "metrics", "dino", "dino-step", "acgan", "wav2pix", "dino-speech", "listen-and-move"];

    // One iteration of a model at named sizes, beside the same computation in bench/<script>.
    private sealed record SizedSuite(string Model, IEnumerable<string> Sizes, Func<string, double> MedianMs, string Script, SizedStepBench Bench);

    private static readonly Dictionary<string, SizedSuite> SizedSuites = new()
    {
        ["acgan"] = new("AC-GAN", AcGanStep.Sizes.Keys, size => AcGanStep.MedianMilliseconds(size), "acgan_step.py", AcGanStep.Bench),
        ["wav2pix"] = new("Wav2Pix", Wav2PixStep.Sizes.Keys, size => Wav2PixStep.MedianMilliseconds(size), "wav2pix_step.py", Wav2PixStep.Bench),
        ["dino-speech"] = new(
            "DINO video-to-speech",
            DinoSpeechStep.Sizes.Keys,
            size => DinoSpeechStep.MedianMilliseconds(size),
            "dino_speech_step.py",
            DinoSpeechStep.Bench
        ),
        ["listen-and-move"] = new(
            "Listen and Move",
            ListenAndMoveStep.Sizes.Keys,
            size => ListenAndMoveStep.MedianMilliseconds(size),
            "lam_step.py",
            ListenAndMoveStep.Bench
        ),
    };

    public static Command Create()
    {
        var suite = new Argument<string>("suite")
        {
            Description =
                "Benchmark suite: foundation, metrics, dino (alias dino-step: one DINO training iteration), acgan (one AC-GAN "
                + "iteration), wav2pix (one Wav2Pix iteration), dino-speech (one DINO video-to-speech iteration) or listen-and-move "
                + "(one Listen and Move iteration)",
            DefaultValueFactory = _ => "foundation",
        };
        var command = new Command("bench", "Benchmark the kit side by side with PyTorch on this machine (ratios, not absolute claims).");
        command.Arguments.Add(suite);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(suite);
            if (!Suites.Contains(name))
            {
                Console.Error.WriteLine($"dino bench: unknown suite '{name}' (available: {string.Join(", ", Suites)})");
                return ExitCodes.Usage;
            }
            Runtime.Configure();
            if (name == "metrics")
                return RunMetrics();
            if (name is not null && SizedSuites.TryGetValue(name, out var sized))
                return RunSizedStep(sized.Model, sized.Sizes, sized.MedianMs, sized.Script, sized.Bench);
            if (name != "foundation")
                return RunDinoStep();
            var kit = FoundationBench.MeasureKit(message => Console.Error.WriteLine($"[bench] {message}"));
            Console.Error.WriteLine("[bench] PyTorch: running bench/foundation.py");
            var (pytorch, whyNot) = FoundationBench.MeasurePyTorch(KitPaths.Root());
            if (pytorch is null)
                Console.Error.WriteLine($"[bench] PyTorch side skipped: {whyNot}");
            var report = FoundationBench.Report(kit, pytorch);
            Console.WriteLine(FoundationBench.Table(report));
            Console.WriteLine(FoundationBench.Json(report));
            return 0;
        });
        return command;
    }

    /// <summary>Audio metric cost in the kit; FID extraction with one network, made and timed by PyTorch, then by the kit.</summary>
    private static int RunMetrics()
    {
        void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");
        var size = MetricsBenchSize.Full;
        var audio = MetricsBench.MeasureAudio(size, Progress);
        var folder = Directory.CreateTempSubdirectory("dino-bench-metrics-");
        try
        {
            var network = Path.Combine(folder.FullName, "inception-sized.pt");
            Progress("PyTorch: bench/metrics_fid.py makes the Inception-sized TorchScript network and times it");
            var (pytorch, whyNot) = MetricsBench.MeasurePyTorch(KitPaths.Root(), network, size);
            double? fid = null;
            if (pytorch is null)
                Progress($"FID rows skipped (the network is made by PyTorch): {whyNot}");
            else
                fid = MetricsBench.MeasureFid(network, size, Progress);
            var report = MetricsBench.Report(audio, fid, pytorch, size);
            Console.WriteLine(MetricsBench.Table(report));
            Console.WriteLine(MetricsBench.Json(report));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int RunDinoStep()
    {
        Console.Error.WriteLine("[bench] kit: DINO training iteration (64x64, batch 8)");
        var kit = DinoStep.MedianMilliseconds();
        return BesidePyTorch("dino_step.py", pytorch => DinoStep.Report(kit, pytorch), DinoStep.Table, DinoStep.Json);
    }

    private static int RunSizedStep(string model, IEnumerable<string> sizes, Func<string, double> medianMs, string script, SizedStepBench bench)
    {
        var kit = new Dictionary<string, double>();
        foreach (var size in sizes)
        {
            Console.Error.WriteLine($"[bench] kit: {model} training iteration ({size} networks)");
            kit[size] = medianMs(size);
        }
        return BesidePyTorch(script, pytorch => bench.Report(kit, pytorch), bench.Table, SizedStepBench.Json);
    }

    // Runs the PyTorch side (bench/SCRIPT), then prints the report's table and, last, its JSON line.
    private static int BesidePyTorch(
        string script,
        Func<JsonObject?, JsonObject> report,
        Func<JsonObject, string> table,
        Func<JsonObject, string> json
    )
    {
        // The kit's side is done: the memory its steps freed goes back first, so the two sides' peaks need not fit at once.
        NativeHeap.Release();
        Console.Error.WriteLine($"[bench] PyTorch: running bench/{script}");
        var (pytorch, whyNot) = FoundationBench.MeasurePyTorch(KitPaths.Root(), script);
        if (pytorch is null)
            Console.Error.WriteLine($"[bench] PyTorch side skipped: {whyNot}");
        var figures = report(pytorch);
        Console.WriteLine(table(figures));
        Console.WriteLine(json(figures));
        return 0;
    }
}

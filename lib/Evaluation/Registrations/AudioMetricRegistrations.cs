using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics.Audio;
using Dino.Repro.Evaluation.Metrics.Audio.Pesq;
using Dino.Repro.Signal;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>The CLI entries of the audio metrics: `stoi`, `estoi`, `mcd` and `pesq` on a pair of mono WAV files.</summary>
internal static class AudioMetricRegistrations
{
    private const string WavInputs = "--ref and --deg: mono WAV files at the same sample rate";

    public static void Register(Action<MetricDescriptor> register)
    {
        register(
            new("stoi", "short-time objective intelligibility (Taal 2011; pystoi 0.4.1)", WavInputs + " and length", request =>
                Intelligibility("stoi", request, ShortTimeObjectiveIntelligibility.Compute)
            )
        );
        register(
            new("estoi", "extended STOI (Jensen & Taal 2016; pystoi 0.4.1)", WavInputs + " and length", request =>
                Intelligibility("estoi", request, ExtendedShortTimeObjectiveIntelligibility.Compute)
            )
        );
        register(
            new(
                "mcd",
                "mel-cepstral distance; --set variant=taubert (default: MC_2..MC_16, no dB factor, mel-cepstral-distance 0.0.4; --set "
                    + "aligning=dtw|pad|none) | espnet (SPTK mcep, DTW, dB, ESPnet evaluate_mcd.py) | sptk-nodtw (SPTK mcep c1..c_M frame by "
                    + "frame, dB)",
                WavInputs,
                Mcd
            )
        );
        register(
            new(
                "pesq",
                "PESQ MOS-LQO, ITU-T P.862 + P.862.1 (--mode nb, 8 or 16 kHz) or P.862.2 (--mode wb, 16 kHz) (python-pesq 0.0.3)",
                WavInputs + " (8000 or 16000 Hz)",
                Pesq
            )
        );
    }

    private static JsonObject Pesq(MetricRequest request)
    {
        var mode = (request.Option("mode") ?? "nb") switch
        {
            "nb" => PesqMode.Narrowband,
            "wb" => PesqMode.Wideband,
            var other => throw new MetricUsageException($"pesq: --mode must be nb or wb, got '{other}'"),
        };
        var (reference, degraded, rate) = ReadPair("pesq", request);
        var score = PerceptualEvaluationOfSpeechQuality.Compute(reference, degraded, rate, mode);
        var result = Result("pesq", score.MosLqo, rate, request);
        // The reference reports the raw P.862 score only in narrowband mode.
        if (mode == PesqMode.Narrowband)
            result["raw_mos"] = score.RawMos;
        result["mode"] = mode == PesqMode.Narrowband ? "nb" : "wb";
        result["rate"] = rate;
        result["utterances"] = score.Utterances;
        return result;
    }

    private static JsonObject Intelligibility(string metric, MetricRequest request, Func<float[], float[], int, IntelligibilityResult> compute)
    {
        var (reference, degraded, rate) = ReadPair(metric, request);
        var score = compute(reference, degraded, rate);
        var result = Result(metric, score.Value, rate, request);
        result["frames"] = score.Frames;
        result["segments"] = score.Segments;
        if (score.Warning is { } warning)
            result["warning"] = warning;
        return result;
    }

    private static JsonObject Mcd(MetricRequest request)
    {
        var variant = (request.Option("variant") ?? "taubert") switch
        {
            "taubert" => McdVariant.Taubert,
            "espnet" => McdVariant.Espnet,
            "sptk-nodtw" => McdVariant.SptkNoDtw,
            var other => throw new MetricUsageException($"mcd: variant must be taubert, espnet or sptk-nodtw, got '{other}'"),
        };
        if (variant != McdVariant.Taubert)
            return SptkMcd(request, variant);
        var aligning = (request.Option("aligning") ?? "dtw") switch
        {
            "dtw" => MelCepstralAlignment.Dtw,
            "pad" => MelCepstralAlignment.Pad,
            "none" => MelCepstralAlignment.None,
            var other => throw new MetricUsageException($"mcd: aligning must be dtw, pad or none, got '{other}'"),
        };
        var (reference, degraded, rate) = ReadPair("mcd", request);
        var score = MelCepstralDistance.Compute(reference, degraded, rate, aligning);
        var result = Result("mcd", score.Value, rate, request);
        result["penalty"] = score.Penalty;
        result["variant"] = "taubert";
        result["aligning"] = aligning.ToString().ToLowerInvariant();
        result["frames_ref"] = score.FramesReference;
        result["frames_deg"] = score.FramesDegraded;
        result["aligned_frames"] = score.AlignedFrames;
        return result;
    }

    private static JsonObject SptkMcd(MetricRequest request, McdVariant variant)
    {
        if (request.Option("aligning") is not null)
            throw new MetricUsageException(
                "mcd: --set aligning applies to the taubert variant only; espnet always uses DTW and sptk-nodtw never does"
            );
        var (reference, degraded, rate) = ReadPair("mcd", request);
        var score = SptkMelCepstralDistance.Compute(reference, degraded, rate, variant);
        var result = Result("mcd", score.Value, rate, request);
        result["variant"] = variant == McdVariant.Espnet ? "espnet" : "sptk-nodtw";
        result["unit"] = "dB";
        result["frames_ref"] = score.FramesReference;
        result["frames_deg"] = score.FramesDegraded;
        result["aligned_frames"] = score.AlignedFrames;
        return result;
    }

    /// <summary>Both files as mono samples; their rates (and --rate, when given) must agree.</summary>
    private static (float[] reference, float[] degraded, int rate) ReadPair(string metric, MetricRequest request)
    {
        var reference = WavFile.Read(request.Reference);
        var degraded = WavFile.Read(request.Degraded);
        if (reference.SampleRate != degraded.SampleRate)
            throw new ArgumentException($"{metric}: sample rates differ: reference {reference.SampleRate} Hz, degraded {degraded.SampleRate} Hz");
        if (request.Option("rate") is { } text && text != reference.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new MetricUsageException($"{metric}: --rate {text} does not match the files' {reference.SampleRate} Hz");
        foreach (var (audio, path) in new[] { (reference, request.Reference), (degraded, request.Degraded) })
        {
            if (audio.ChannelCount != 1)
                throw new ArgumentException($"{metric}: {path} has {audio.ChannelCount} channels; the metric needs mono audio");
        }
        return (reference.Channels[0], degraded.Channels[0], reference.SampleRate);
    }

    private static JsonObject Result(string metric, double value, int rate, MetricRequest request) =>
        new()
        {
            ["metric"] = metric,
            ["value"] = JsonValue.Create(value),
            ["sample_rate"] = rate,
            ["ref"] = request.ReferencePath,
            ["deg"] = request.DegradedPath,
        };
}

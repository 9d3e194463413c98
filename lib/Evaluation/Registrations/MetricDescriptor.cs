using System.Text.Json.Nodes;

namespace Dino.Repro.Evaluation.Registrations;

/// <summary>What a metric is given: a reference and a degraded (generated) file, and named options.</summary>
public sealed record MetricRequest(string? ReferencePath, string? DegradedPath, IReadOnlyDictionary<string, string> Options)
{
    public string Reference => ReferencePath ?? throw new MetricUsageException("this metric needs --ref FILE");
    public string Degraded => DegradedPath ?? throw new MetricUsageException("this metric needs --deg FILE");

    public string? Option(string key) => Options.TryGetValue(key, out var value) ? value : null;

    public double DoubleOption(string key, double fallback) =>
        Option(key) is { } text
            ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new MetricUsageException($"--{key} must be a number, got '{text}'")
            : fallback;

    public int IntOption(string key, int fallback) =>
        Option(key) is { } text
            ? int.TryParse(text, out var v)
                ? v
                : throw new MetricUsageException($"--{key} must be an integer, got '{text}'")
            : fallback;

    /// <summary>--set device=cpu|cuda|cuda:N, where a network evaluator runs (default cpu); refused when libtorch cannot reach it.</summary>
    public Device DeviceOption()
    {
        var device = Option("device") is { } name ? ComputeDevice.Parse(name) : ComputeDevice.Cpu;
        return device.Unreachable() is { } problem
            ? throw new MetricUsageException($"{problem}; leave out --set device to run on the CPU")
            : device.ToTorch();
    }
}

/// <summary>One registered metric: its name, what it reads, and how it scores a request.</summary>
/// <remarks>A metric with <c>folders</c> scores whole folders (FID over an image set): the CLI hands it --ref-dir and
/// --deg-dir as the request's reference and degraded paths instead of pairing their files.</remarks>
public sealed record MetricDescriptor(string Name, string Description, string Inputs, Func<MetricRequest, JsonObject> Compute, bool Folders = false);

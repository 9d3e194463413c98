using System.Globalization;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>What training one row of a table costs at a preset on this machine: seconds per step, times its steps.</summary>
public sealed record MethodCost(
    string Method,
    string Experiment,
    int Resolution,
    int BatchSize,
    ComputeDevice Device,
    int Steps,
    double SecondsPerStep
)
{
    /// <summary>Training seeds the row runs with (`--seeds`): each is a whole training.</summary>
    public int Seeds { get; init; } = 1;

    public double ProjectedHours => SecondsPerStep * Steps * Seeds / 3600;
}

/// <summary>
/// `dino reproduce TABLE --estimate`: times a few training steps of every row with the preset's networks, image size,
/// batch size and device, and projects them onto the preset's step count — how long the run would take here before
/// committing days of GPU time to it. The steps run on a few embedded Shapes pairs at the preset's resolution (no real
/// corpus needed), so reading the real corpus and scoring the test split are not included.
/// </summary>
public static class TrainingCost
{
    /// <summary>Steps timed per row, after one untimed warm-up step (allocations, cuDNN's algorithm search).</summary>
    public const int TimedSteps = 3;

    /// <summary>Pairs of the probe corpus (80 % train): enough for one batch of every preset's batch size.</summary>
    private const int ProbePairs = 40;

    /// <param name="overrides">Every option the row trains with, its own included (the table's plan).</param>
    public static MethodCost Measure(
        TableMethod method,
        Preset preset,
        IReadOnlyList<KeyValuePair<string, string>> overrides,
        ExperimentRegistry? registry = null
    )
    {
        ArgumentNullException.ThrowIfNull(method);
        registry ??= BuiltInExperiments.Registry;
        var definition = registry.Get(method.Experiment);
        var options = (ImageToImageOptions)definition.Resolve(preset, overrides);
        options.Device.Require();
        var probe = definition.Resolve(
            preset,
            [
                .. overrides,
                KeyValuePair.Create("corpus", "shapes"),
                KeyValuePair.Create("shapes_count", ProbePairs.ToString(CultureInfo.InvariantCulture)),
            ]
        );
        using var experiment = definition.Create(probe);
        var median = MedianStepSeconds(experiment);
        return new MethodCost(method.Method, method.Experiment, options.Resolution, options.BatchSize, options.Device, options.Steps, median);
    }

    /// <summary>The median seconds of a training step of <paramref name="experiment"/>: <see cref="TimedSteps"/> timed after one warm-up.</summary>
    public static double MedianStepSeconds(IExperiment experiment) => StepTiming.MedianMilliseconds(experiment, warmup: 1, TimedSteps) / 1000;

    /// <summary>The rows as a Markdown table with their total.</summary>
    public static string Table(IReadOnlyList<MethodCost> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        static string Hours(double h) =>
            h switch
            {
                < 1.0 / 60 => string.Create(CultureInfo.InvariantCulture, $"{h * 3600:0} s"),
                < 1 => string.Create(CultureInfo.InvariantCulture, $"{h * 60:0.#} min"),
                < 48 => string.Create(CultureInfo.InvariantCulture, $"{h:0.#} h"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{h:#,0} h ({h / 24:#,0.#} days)"),
            };
        var lines = new List<string>
        {
            "| method | experiment | resolution | batch | device | s/step | steps | projected |",
            "| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |",
        };
        lines.AddRange(
            costs.Select(c =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {c.Method} | {c.Experiment} | {(c.Resolution > 0 ? $"{c.Resolution}²" : "—")} | {c.BatchSize} | {c.Device} | "
                        + $"{c.SecondsPerStep:0.###} | "
                        + $"{c.Steps:#,0}{(c.Seeds > 1 ? $" × {c.Seeds} seeds" : "")} | "
                        + $"{Hours(c.ProjectedHours)} |"
                )
            )
        );
        lines.Add($"| total | | | | | | | {Hours(costs.Sum(c => c.ProjectedHours))} |");
        return string.Join('\n', lines);
    }
}

using System.Text.Json.Nodes;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

/// <summary>Registries, run settings and log readers the training tests share.</summary>
internal static class TrainingFixtures
{
    /// <summary>toy-gan plus the test-only balance experiment.</summary>
    public static ExperimentRegistry Registry() =>
        new ExperimentRegistry().Register(ToyGanExperiment.Definition).Register(BalanceTestExperiment.Definition);

    /// <summary>A trainer writing to <paramref name="runsRoot"/>; its experiments are <see cref="Registry"/>'s unless given.</summary>
    public static Trainer Trainer(
        string runsRoot,
        Action<StepReport>? onStep = null,
        TensorFileWriter? writer = null,
        IProgressSink? progress = null,
        ExperimentRegistry? registry = null
    ) =>
        new(
            registry ?? Registry(),
            new TrainerSettings
            {
                RunsRoot = runsRoot,
                OnStep = onStep,
                CheckpointWriter = writer,
                Progress = progress ?? ProgressSinks.None,
            }
        );

    public static KeyValuePair<string, string>[] Set(params string[] assignments) => assignments.Select(OptionSet.ParseAssignment).ToArray();

    /// <summary>Each logged step's losses, by step.</summary>
    public static SortedDictionary<long, Dictionary<string, double>> LossesByStep(string runDirectory)
    {
        var result = new SortedDictionary<long, Dictionary<string, double>>();
        foreach (var line in JsonlLog.Read(Path.Combine(runDirectory, "log.jsonl")).Where(l => l["losses"] is not null))
        {
            var step = (long)line["step"]!;
            Assert.False(result.ContainsKey(step), $"step {step} is logged twice");
            result[step] = line["losses"]!.AsObject().ToDictionary(kv => kv.Key, kv => (double)kv.Value!);
        }
        return result;
    }

    /// <summary>Exact equality of two runs' losses at the given steps, naming the first difference.</summary>
    public static void AssertSameLosses(
        SortedDictionary<long, Dictionary<string, double>> expected,
        SortedDictionary<long, Dictionary<string, double>> actual,
        IEnumerable<long> steps
    )
    {
        foreach (var step in steps)
        {
            Assert.True(expected.ContainsKey(step), $"the reference run did not log step {step}");
            Assert.True(actual.ContainsKey(step), $"the resumed run did not log step {step}");
            foreach (var (name, value) in expected[step])
            {
                var got = actual[step][name];
                Assert.True(value.Equals(got), $"step {step}, loss {name}: uninterrupted {value:R}, resumed {got:R}");
            }
        }
    }

    /// <summary>
    /// Trains <paramref name="experiment"/> at smoke twice under <paramref name="root"/>: uninterrupted in "reference", and in
    /// "stopped" cancelled after step <paramref name="stopAfter"/>, then resumed; asserts the resumed run logs the same
    /// losses, bit for bit, at every step after <paramref name="comparedAfter"/>, and returns the uninterrupted run with its
    /// losses.
    /// </summary>
    public static (TrainingResult Reference, SortedDictionary<long, Dictionary<string, double>> Losses) AssertStopAndResumeMatch(
        ExperimentRegistry registry,
        string root,
        string experiment,
        IReadOnlyList<KeyValuePair<string, string>> overrides,
        int stopAfter,
        int comparedAfter
    )
    {
        Trainer In(string folder, Action<StepReport>? onStep = null) => Trainer(Path.Combine(root, folder), onStep, registry: registry);
        var reference = In("reference").Train(experiment, Preset.Smoke, overrides);
        Assert.True(reference.Completed);
        using var stop = new CancellationTokenSource();
        var stopped = In("stopped", r =>
            {
                if (r.Step == stopAfter)
                    stop.Cancel();
            })
            .Train(experiment, Preset.Smoke, overrides, stop.Token);
        Assert.False(stopped.Completed);
        var resumed = In("stopped").Resume(stopped.RunDirectory);
        Assert.True(resumed.Completed);
        var expected = LossesByStep(reference.RunDirectory);
        AssertSameLosses(expected, LossesByStep(resumed.RunDirectory), expected.Keys.Where(s => s > comparedAfter));
        return (reference, expected);
    }

    public static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();
}

using Dino.Repro.IO;
using Dino.Repro.Training;

namespace Dino.Repro.App.Reproduce;

/// <summary>A paper table the kit reproduces end to end: trains what it compares, evaluates, writes a report.</summary>
public interface IReproducibleTable
{
    /// <summary>The name `dino reproduce` takes ("dino-table1").</summary>
    string Name { get; }

    /// <summary>One line: the paper, the table, the corpus.</summary>
    string Description { get; }

    /// <summary>The presets it runs at.</summary>
    IReadOnlyList<Preset> Presets { get; }

    /// <summary>Runs the reproduction and writes its report under <see cref="ReproduceRequest.OutputRoot"/>/<see cref="Name"/>.</summary>
    Reproduction Run(ReproduceRequest request, IProgressSink progress);

    /// <summary>
    /// What training each row at the request's preset would cost here (<see cref="TrainingCost"/>); trains nothing to the end, writes no report.
    /// </summary>
    IReadOnlyList<MethodCost> Estimate(ReproduceRequest request, IProgressSink progress);
}

using Dino.Repro.Torch;
using Dino.Repro.Training.ToyGan;

namespace Dino.Repro.Training;

/// <summary>The experiments the kit ships; a new one is one line here plus its folder.</summary>
internal static class BuiltInExperiments
{
    public static ExperimentRegistry Register(ExperimentRegistry registry) => registry
        .Register(ToyGanExperiment.Definition);
}

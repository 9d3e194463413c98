using Dino.Repro.Data;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Torch;
using Dino.Repro.Training.ToyGan;

namespace Dino.Repro.Training;

/// <summary>The experiments the kit ships; a new one is one line here plus its folder.</summary>
internal static class BuiltInExperiments
{
    public static ExperimentRegistry Register(ExperimentRegistry registry) => registry
        .Register(ToyGanExperiment.Definition)
        .Register(DinoExperiment.Definition(o => ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount)))
        .Register(BidirectionalDinoExperiment.Definition(o => ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount)))
        .Register(Pix2PixExperiment.Definition(o => ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount)))
        .Register(BicycleGanExperiment.Definition(o => ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount)))
        .Register(Models.GridRecogniser.GridRecogniserExperiment.Definition);
}

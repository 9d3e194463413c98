using Dino.Repro.App;
using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models;

public class AugmentOptionTests
{
    private static IBatchSource Pairs(Dino.Repro.Models.Common.ImageToImageOptions o) =>
        ModelExperimentTests.RandomPairs(o.Resolution, 4, o.BatchSize, o.Seed);

    [Fact]
    public void Each_experiment_augments_as_its_reference_only_when_asked_and_the_paper_preset_asks()
    {
        using (
            var plain = new DinoExperiment(
                new DinoOptions { Resolution = 16, BatchSize = 2 },
                Pairs(new DinoOptions { Resolution = 16, BatchSize = 2 })
            )
        )
            Assert.IsType<ShuffledBatches>(plain.Data);
        var dino = new DinoOptions
        {
            Resolution = 16,
            BatchSize = 2,
            Augment = true,
        };
        using (var augmented = new DinoExperiment(dino, Pairs(dino)))
            Assert.IsType<AugmentedBatches>(augmented.Data);

        // The paper preset turns it on for every image-to-image experiment.
        var registry = BuiltInExperiments.Registry;
        foreach (var name in new[] { DinoExperiment.Name, BidirectionalDinoExperiment.Name, Pix2PixExperiment.Name, BicycleGanExperiment.Name })
        {
            Assert.True(((Dino.Repro.Models.Common.ImageToImageOptions)registry.Get(name).Resolve(Preset.Paper)).Augment, name);
            Assert.False(((Dino.Repro.Models.Common.ImageToImageOptions)registry.Get(name).Resolve(Preset.Cpu)).Augment, name);
        }
    }
}

using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

public class ExperimentRegistryTests
{
    [Fact]
    public void Default_registry_finds_toy_gan_by_name_with_the_three_presets()
    {
        var toy = BuiltInExperiments.Registry.Get("toy-gan");
        Assert.Equal("toy-gan", toy.Name);
        Assert.Equal(new[] { Preset.Smoke, Preset.Cpu, Preset.Paper }, toy.Presets);
        Assert.IsType<ToyGanOptions>(toy.Defaults);
        Assert.Contains("toy-gan", BuiltInExperiments.Registry.Names);
    }

    [Fact]
    public void Unknown_experiment_is_a_usage_error_listing_the_registered_names()
    {
        var registry = TrainingFixtures.Registry();
        var e = Assert.Throws<UsageException>(() => registry.Get("toy-ganx"));
        Assert.Contains("'toy-ganx'", e.Message);
        Assert.Contains("balance-test, toy-gan", e.Message);
    }

    [Fact]
    public void Unknown_preset_is_a_usage_error_listing_the_presets()
    {
        var e = Assert.Throws<UsageException>(() => Presets.Parse("huge"));
        Assert.Contains("'huge'", e.Message);
        Assert.Contains("smoke, cpu, paper", e.Message);
    }

    [Fact]
    public void Registering_a_name_twice_fails()
    {
        var registry = new ExperimentRegistry().Register(ToyGanExperiment.Definition);
        var e = Assert.Throws<ArgumentException>(() => registry.Register(ToyGanExperiment.Definition));
        Assert.Contains("toy-gan", e.Message);
    }

    [Fact]
    public void An_experiment_without_the_kit_presets_cannot_be_defined()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ExperimentDefinition<ToyGanOptions>(
                "partial",
                "only smoke",
                new Dictionary<Preset, Func<ToyGanOptions, ToyGanOptions>> { [Preset.Smoke] = o => o },
                o => new ToyGanExperiment(o)
            )
        );
        Assert.Contains("cpu, paper", e.Message);
    }
}

using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.IO;

public class PresetTests
{
    [Fact]
    public void The_three_presets_go_by_their_lower_case_names_in_the_kits_order()
    {
        Assert.Equal(["smoke", "cpu", "paper"], Presets.All.Select(p => p.Name()));
        foreach (var preset in Presets.All)
            Assert.Equal(preset, Presets.Parse(preset.Name()));
    }

    [Theory]
    [InlineData("Smoke")] // names are exact: options.json and folder names are written lower case
    [InlineData("huge")]
    [InlineData("")]
    public void Any_other_name_is_a_usage_error_listing_the_three(string name)
    {
        var e = Assert.Throws<UsageException>(() => Presets.Parse(name, "toy-gan"));
        Assert.Equal($"unknown preset '{name}' for toy-gan (valid: smoke, cpu, paper)", e.Message);
        Assert.False(Presets.TryParse(name, out _));
        Assert.False(Presets.TryParse(null, out _));
    }

    [Fact]
    public void A_run_manifest_keeps_the_preset_by_name_and_refuses_one_it_does_not_know()
    {
        using var temp = new Fixtures.TempFolder();
        var registry = new ExperimentRegistry().Register(ToyGanExperiment.Definition);
        var manifest = new RunManifest("toy-gan", Preset.Cpu, [], ToyGanExperiment.Definition.Resolve(Preset.Cpu));
        var file = temp.File("options.json");
        manifest.Save(file);
        Assert.Contains("\"preset\": \"cpu\"", File.ReadAllText(file));
        Assert.Equal(Preset.Cpu, RunManifest.Load(file, registry).Preset);

        File.WriteAllText(file, File.ReadAllText(file).Replace("\"preset\": \"cpu\"", "\"preset\": \"Cpu\""));
        var e = Assert.Throws<InvalidDataException>(() => RunManifest.Load(file, registry));
        Assert.Contains("names the preset 'Cpu', not one of smoke, cpu, paper", e.Message);
    }

    [Fact]
    public void Every_registered_experiment_resolves_all_three_presets()
    {
        foreach (var definition in Dino.Repro.App.BuiltInExperiments.Registry.All)
        foreach (var preset in Presets.All)
            Assert.NotNull(definition.Resolve(preset));
    }

    [Theory]
    [InlineData("corpus", "make", "shapes", "--out", "{temp}", "--preset", "huge")]
    [InlineData("reproduce", "dino-table1", "--out", "{temp}", "--preset", "huge")]
    [InlineData("train", "toy-gan", "--out", "{temp}", "--preset", "huge")]
    public void The_command_line_refuses_an_unknown_preset_before_any_work(params string[] arguments)
    {
        using var temp = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run(arguments.Select(a => a.Replace("{temp}", temp.File("out"))).ToArray());
        Assert.Equal(2, code);
        Assert.Contains($"unknown preset 'huge' for {arguments[arguments[0] == "corpus" ? 2 : 1]} (valid: smoke, cpu, paper)", stderr);
        Assert.False(Directory.Exists(temp.File("out")) && Directory.EnumerateFileSystemEntries(temp.File("out")).Any());
    }
}

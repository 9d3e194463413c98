using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.GridRecogniser;

public class GridRecogniserOptionsTests
{
    [Fact]
    public void Registered_with_smoke_and_cpu_on_spoken_grid_and_paper_on_real_grid()
    {
        var definition = BuiltInExperiments.Registry.Get("grid-recogniser");
        var smoke = (GridRecogniserOptions)definition.Resolve(Preset.Smoke);
        var cpu = (GridRecogniserOptions)definition.Resolve(Preset.Cpu);
        var paper = (GridRecogniserOptions)definition.Resolve(Preset.Paper);
        Assert.Equal(("spoken-grid", 4, 6), (smoke.Corpus, smoke.SpokenGridSpeakers, smoke.SpokenGridUtterances));
        Assert.Equal(("spoken-grid", 8, 100), (cpu.Corpus, cpu.SpokenGridSpeakers, cpu.SpokenGridUtterances));
        Assert.Equal(("grid", ComputeDevice.Cuda), (paper.Corpus, paper.Device));
        Assert.All(new[] { smoke, cpu, paper }, o => Assert.True(o.EvaluateEvery > 0, "every preset logs validation WER"));
    }

    [Theory]
    [InlineData("corpus=librispeech", "corpus must be one of grid, spoken-grid (got 'librispeech')")]
    [InlineData("corpus=shapes", "corpus must be one of grid, spoken-grid (got 'shapes')")]
    [InlineData("channels=12", "channels must be a positive multiple of 8")]
    [InlineData("mel_bands=4", "mel_bands must be at least 8")]
    [InlineData("dropout=1", "dropout must be in [0, 1)")]
    [InlineData("spoken_grid_speakers=9", "spoken_grid_speakers must be 1..8")]
    public void Bad_options_are_rejected_with_their_name(string assignment, string message)
    {
        var e = Assert.Throws<UsageException>(() =>
            BuiltInExperiments.Registry.Get("grid-recogniser").Resolve(Preset.Smoke, [OptionSet.ParseAssignment(assignment)])
        );
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_missing_corpus_folder_is_an_error_saying_how_to_make_one()
    {
        var options = new GridRecogniserOptions
        {
            CorpusPath = Path.Combine(Path.GetTempPath(), "dino-no-such-grid-" + Guid.NewGuid().ToString("N")),
        };
        var e = Assert.Throws<DirectoryNotFoundException>(() => new GridRecogniserExperiment(options));
        Assert.Contains(options.CorpusPath, e.Message);
        Assert.Contains("dino corpus make spoken-grid", e.Message);
    }
}

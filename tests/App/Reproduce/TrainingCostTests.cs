using Dino.Repro.App.Reproduce;
using Dino.Repro.Data;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class TrainingCostTests
{
    [Fact]
    public void The_projection_is_seconds_per_step_times_the_presets_steps_in_the_unit_that_reads_best()
    {
        MethodCost[] costs =
        [
            new("A", "pix2pix", 256, 1, ComputeDevice.Cuda, 60, 0.5), // 30 s
            new("B", "dino", 256, 8, ComputeDevice.Cuda, 5400, 2), // 3 h
            new("C", "dino", 256, 8, ComputeDevice.Cpu, 600_000, 10), // 1,666.7 h = 69.4 days
        ];
        Assert.Equal(3.0, costs[1].ProjectedHours, 12);
        var lines = TrainingCost.Table(costs).Split('\n');
        Assert.EndsWith("| 60 | 30 s |", lines[2]);
        Assert.EndsWith("| 5,400 | 3 h |", lines[3]);
        Assert.EndsWith("| 600,000 | 1,667 h (69.4 days) |", lines[4]);
        Assert.Equal("| total | | | | | | | 1,670 h (69.6 days) |", lines[5]); // 30 s + 3 h + 1,666.67 h
        Assert.StartsWith("| A | pix2pix | 256² | 1 |", lines[2]);

        // A model without frames (Table 3's audio recogniser) shows no resolution rather than "0²".
        var audio = TrainingCost.Table([new("GRID recogniser", "grid-recogniser", 0, 32, ComputeDevice.Cpu, 600, 0.1)]).Split('\n');
        Assert.StartsWith("| GRID recogniser | grid-recogniser | — | 32 |", audio[2]);
    }

    [Fact]
    public void Estimate_times_every_row_at_the_presets_sizes_and_writes_no_report()
    {
        using var data = new DataRootScope();
        var reports = Path.Combine(data.Path, "reports");
        var (code, stdout, stderr) = CliRunner.Run(
            "reproduce",
            DinoTable4.TableName,
            "--preset",
            "smoke",
            "--estimate",
            "--out",
            reports,
            "--set",
            "steps=7"
        );
        Assert.True(code == 0, stderr);
        var rows = stdout.Split('\n').Where(l => l.StartsWith("| DINO", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count); // Table 4's three DINO variants
        Assert.All(rows, row => Assert.Contains("| dino | 32² | 4 | cpu |", row));
        Assert.All(rows, row => Assert.Contains("| 7 |", row));
        Assert.False(Directory.Exists(reports), "an estimate wrote a report folder");
    }

    [NoCudaTheory]
    [InlineData("paper")]
    public void Estimating_the_paper_preset_on_a_machine_without_cuda_says_so(string preset)
    {
        using var data = new DataRootScope();
        var (code, _, stderr) = CliRunner.Run("reproduce", DinoTable1.TableName, "--preset", preset, "--estimate");
        Assert.Equal(2, code);
        Assert.Contains("no CUDA device", stderr);
        Assert.Contains("set device=cpu", stderr);
    }

    [Fact]
    public void The_paper_schedule_is_200_epochs_of_whole_batches_of_the_training_split()
    {
        Assert.Equal(200 * 371, PaperSchedule.Steps(2975, 8)); // Cityscapes train at DINO's batch 8: 371 full batches
        Assert.Equal(200 * 2975, PaperSchedule.Steps(2975, 1)); // pix2pix's batch 1
        Assert.Throws<ArgumentException>(() => PaperSchedule.Steps(7, 8));
        Assert.Null(PaperSchedule.Override([KeyValuePair.Create("steps", "5")], 2975, 8));
        Assert.Equal("74200", PaperSchedule.Override([KeyValuePair.Create("seed", "5")], 2975, 8)!.Value.Value);
    }

    [Fact]
    public void At_the_paper_preset_each_rows_steps_come_from_the_corpus_it_reads_not_from_celebamask_hq()
    {
        using var data = new DataRootScope();
        var corpus = ShapesStreetsCorpus.Write(CorpusPaths.ExpectedPath("cityscapes"), new ShapesOptions(24, 64, 3));
        var train = corpus.Frames("train").Count;
        var (code, stdout, stderr) = CliRunner.Run(
            "reproduce",
            DinoTable2.TableName,
            "--preset",
            "paper",
            "--estimate",
            "--set",
            "device=cpu",
            "--set",
            "resolution=32"
        );
        Assert.True(code == 0, stderr + stdout);
        foreach (var (experiment, batch) in new[] { ("pix2pix", 1), ("bicyclegan", 2), ("dino", 8), ("dino-bidirectional", 8) })
        {
            var row = stdout.Split('\n').Single(l => l.Contains($"| {experiment} |", StringComparison.Ordinal));
            Assert.Contains($"| {batch} | cpu |", row);
            Assert.Contains($"| {200 * (train / batch):#,0} |", row);
        }
        Assert.Contains($"200 epochs of {train} training pairs at batch 8", stdout);
    }
}

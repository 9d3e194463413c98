using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;
using Spectre.Console;

namespace Dino.Repro.Tests.Training;

public class ProgressTests
{
    [Fact]
    public void Plain_progress_writes_step_losses_rate_and_eta_lines()
    {
        using var temp = new Fixtures.TempFolder();
        var output = new StringWriter();
        TrainingFixtures
            .Trainer(temp.Root, progress: new PlainProgress(output, TimeSpan.Zero))
            .Train("balance-test", Preset.Smoke, TrainingFixtures.Set("steps=5"));
        var lines = output.ToString().Split('\n').Where(l => l.StartsWith("step ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Matches(@"^step 1/5  fit [0-9.]+  weighted [0-9.]+  k [0-9.]+  \d+ img/s  ETA \d+:\d\d:\d\d", lines[0]);
        Assert.StartsWith("step 5/5 ", lines[4]);
        Assert.Contains("ETA 0:00:00", lines[4]);
        Assert.Contains("balance-test · preset smoke", output.ToString()); // the options table comes first
    }

    [Fact]
    public void Plain_progress_throttles_to_the_first_and_last_step_within_its_interval()
    {
        var output = new StringWriter();
        var sink = new PlainProgress(output, TimeSpan.FromHours(1));
        sink.Begin("run", 0, 50);
        for (var step = 1; step <= 50; step++)
            sink.Report(Report(step, 50));
        sink.End();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "run: 50 steps", "step 1/50", "step 50/50" }, lines.Select(l => string.Join(' ', l.Split("  ")[0])));
    }

    [Fact]
    public void Live_progress_draws_the_step_line_on_an_interactive_console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(output),
            }
        );
        var sink = new LiveProgress(console);
        sink.Begin("run", 0, 3);
        for (var step = 1; step <= 3; step++)
            sink.Report(Report(step, 3));
        sink.Message("after the bar");
        sink.End();
        var text = output.ToString();
        Assert.Contains("step 3/3", text);
        Assert.Contains("ETA 0:00:01", text);
        Assert.Contains("after the bar", text);
    }

    [Fact]
    public void Eta_formats_hours_minutes_seconds()
    {
        Assert.Equal("0:00:05", ProgressText.Duration(TimeSpan.FromSeconds(5.4)));
        Assert.Equal("26:03:09", ProgressText.Duration(new TimeSpan(1, 2, 3, 9)));
    }

    private static StepReport Report(int step, int total) =>
        new(
            step,
            total,
            new Dictionary<string, double> { ["G"] = 0.5 },
            100,
            new Dictionary<string, double> { ["G"] = 2e-4 },
            new Dictionary<string, double>(),
            step,
            TimeSpan.FromSeconds(total - step + 1),
            null
        );
}

using System.Diagnostics;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Training;

/// <summary>The promise of --resume, tested as a user meets it: `dino train` killed mid-run, then resumed.</summary>
public class ResumeAfterKillTests
{
    private const int Steps = 400;
    private static readonly string[] Sets = { "log_every=1", "checkpoint_every=25", "sample_every=50" };

    [Fact]
    public void Dino_train_killed_after_a_checkpoint_and_resumed_logs_the_uninterrupted_losses_exactly()
    {
        using var temp = new Fixtures.TempFolder();
        var runs = Path.Combine(temp.Root, "runs");

        using (var child = StartDino(["train", "toy-gan", "--preset", "smoke", "--steps", $"{Steps}", "--out", runs, "--set", .. Sets]))
        {
            var log = Path.Combine(runs, "00001-toy-gan-smoke", "log.jsonl");
            var deadline = Stopwatch.StartNew();
            while (!JsonlLog.Read(log).Any(l => l["checkpoint"] is not null && (long)l["step"]! >= 50))
            {
                if (child.HasExited)
                    Assert.Fail($"dino train exited ({child.ExitCode}) before a checkpoint past step 50:\n{child.Output}");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(300), "no checkpoint past step 50 within 300 s");
                Thread.Sleep(10);
            }
            child.Kill();
        }

        var run = Path.Combine(runs, "00001-toy-gan-smoke");
        var killedAt = JsonlLog.Read(Path.Combine(run, "log.jsonl")).Max(l => (long)l["step"]!);
        Assert.True(killedAt < Steps, $"the run finished ({killedAt} steps) before it was killed: the test proved nothing");
        var resumeFrom = new CheckpointStore(Path.Combine(run, "checkpoints"), 3).List()[^1].step;

        using (var resume = StartDino(["train", "toy-gan", "--resume", run]))
        {
            Assert.True(resume.WaitForExit(TimeSpan.FromSeconds(300)), "the resumed run did not finish within 300 s");
            Assert.True(resume.ExitCode == 0, $"the resumed run failed ({resume.ExitCode}):\n{resume.Output}");
            Assert.Contains($"resuming at step {resumeFrom} of {Steps}", resume.Output);
        }

        var reference = TrainingFixtures
            .Trainer(Path.Combine(temp.Root, "reference"))
            .Train("toy-gan", Preset.Smoke, TrainingFixtures.Set([$"steps={Steps}", .. Sets]));
        var expected = TrainingFixtures.LossesByStep(reference.RunDirectory);
        var actual = TrainingFixtures.LossesByStep(run);
        Assert.Equal(expected.Keys, actual.Keys);
        TrainingFixtures.AssertSameLosses(expected, actual, expected.Keys);
    }

    [Theory]
    [InlineData("TERM", 143, "SIGTERM")]
    [InlineData("INT", 130, "SIGINT (Ctrl+C)")]
    public void A_stop_signal_ends_the_step_writes_a_checkpoint_and_prints_the_resume_command(string signal, int exitCode, string named)
    {
        using var temp = new Fixtures.TempFolder();
        var runs = Path.Combine(temp.Root, "runs");
        var run = Path.Combine(runs, "00001-toy-gan-smoke");
        // No periodic checkpoint before the end: a checkpoint in the folder can only be the one the signal caused.
        using (
            var child = StartDino([
                "train",
                "toy-gan",
                "--preset",
                "smoke",
                "--steps",
                "100000",
                "--out",
                runs,
                "--set",
                "log_every=1",
                "--set",
                "checkpoint_every=100000",
                "--set",
                "sample_every=0",
            ])
        )
        {
            var log = Path.Combine(run, "log.jsonl");
            var deadline = Stopwatch.StartNew();
            while (!JsonlLog.Read(log).Any(l => (long)l["step"]! >= 5))
            {
                if (child.HasExited)
                    Assert.Fail($"dino train exited ({child.ExitCode}) before step 5:\n{child.Output}");
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(300), "no step 5 within 300 s");
                Thread.Sleep(10);
            }
            using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(120)), "dino train did not stop within 120 s of the signal");
            Assert.True(child.ExitCode == exitCode, $"exit code {child.ExitCode}, expected {exitCode}:\n{child.Output}");
            Assert.Contains($"stopped by {named} at step", child.Output);
            Assert.Contains($"continue with: dino train --resume {run}", child.Output);
        }
        var saved = Assert.Single(new CheckpointStore(Path.Combine(run, "checkpoints"), 3).List());
        Assert.InRange(saved.step, 5, 99_999);
        Assert.Equal(saved.step, JsonlLog.Read(Path.Combine(run, "log.jsonl")).Max(l => (long)l["step"]!));
    }

    private static DinoProcess StartDino(string[] args)
    {
        // Through env --default-signal: a test run started in the background by a shell without job control inherits
        // SIGINT ignored, and .NET leaves an inherited ignore in place — the child would never see the Ctrl+C under test.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dino.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        // The same intra-op thread count as this process, so the in-process reference run computes identically.
        start.Environment["DINO_NUM_THREADS"] = torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new DinoProcess(Process.Start(start)!);
    }

    /// <summary>A child `dino` whose output is collected (an undrained pipe would block it).</summary>
    private sealed class DinoProcess : IDisposable
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder output = new();

        public DinoProcess(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => process.HasExited;
        public int Id => process.Id;
        public int ExitCode => process.ExitCode;

        public string Output
        {
            get
            {
                lock (output)
                    return output.ToString();
            }
        }

        public bool WaitForExit(TimeSpan timeout)
        {
            if (!process.WaitForExit(timeout))
                return false;
            process.WaitForExit(); // drains the output readers
            return true;
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
        }

        public void Dispose()
        {
            if (!process.HasExited)
                Kill();
            process.Dispose();
        }
    }
}

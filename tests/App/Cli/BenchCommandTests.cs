using Dino.Repro.App.Cli;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Cli;

/// <summary>`dino bench` refuses what it cannot run before measuring anything.</summary>
public class BenchCommandTests
{
    [Fact]
    public void An_unknown_suite_exits_2_naming_the_suites_and_measures_nothing()
    {
        var (code, stdout, stderr) = CliRunner.Run("bench", "fundation");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(
            "dino bench: unknown suite 'fundation' (available: foundation, metrics, dino, dino-step, acgan, wav2pix, dino-speech, listen-and-move)",
            stderr
        );
        Assert.DoesNotContain("[bench]", stderr); // no suite started: each one reports its progress so
        Assert.Empty(stdout);
    }
}

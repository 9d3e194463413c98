using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models;

/// <summary>What a CPU-only machine answers to device=cuda and to the paper preset without its corpus: a clear error, nothing left behind.</summary>
public class DeviceRefusalTests
{
    [NoCudaTheory]
    [InlineData("dino")]
    [InlineData("dino-bidirectional")]
    [InlineData("pix2pix")]
    [InlineData("bicyclegan")]
    [InlineData("toy-gan")]
    public void Training_on_cuda_without_cuda_is_a_usage_error_that_makes_no_run_folder(string experiment)
    {
        using var data = new DataRootScope();
        var runs = Path.Combine(data.Path, "runs");
        var (code, _, error) = CliRunner.Run("train", experiment, "--preset", "smoke", "--steps", "1", "--out", runs, "--set", "device=cuda");
        Assert.Equal(2, code);
        Assert.Contains("device 'cuda' was asked for but this libtorch has no CUDA device", error);
        Assert.Contains("set device=cpu", error);
        Assert.False(Directory.Exists(runs) && Directory.EnumerateFileSystemEntries(runs).Any(), "a refused run left a folder behind");
    }

    [Fact]
    public void The_paper_preset_without_its_corpus_names_the_script_without_a_stack_trace()
    {
        using var data = new DataRootScope();
        var (code, _, error) = CliRunner.Run("reproduce", "dino-table1", "--preset", "paper", "--out", Path.Combine(data.Path, "reports"));
        Assert.NotEqual(0, code);
        Assert.Contains("data-scripts/celebamask-hq.sh", error);
        Assert.DoesNotContain("   at ", error);
    }
}

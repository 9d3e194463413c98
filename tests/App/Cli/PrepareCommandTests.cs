using Dino.Repro.App.Cli;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Tests.App.Reproduce;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.App.Cli;

public class PrepareCommandTests
{
    [Theory]
    [InlineData(3, ExitCodes.Offline, "could not be downloaded")]
    [InlineData(4, ExitCodes.Checksum, "failed its checksum or file count")]
    [InlineData(5, ExitCodes.ManualStep, "needs a manual step")]
    [InlineData(1, ExitCodes.Failure, "cityscapes.sh failed (exit 1")]
    [InlineData(7, ExitCodes.Failure, "cityscapes.sh failed (exit 7")]
    public void A_failing_data_script_maps_to_the_kits_exit_code_and_a_message(int scriptExit, int expected, string message)
    {
        using var temp = new Fixtures.TempFolder();
        var scripts = FakeScript(temp.Root, $"exit {scriptExit}");
        var (code, stdout, stderr) = CliRunner.Capture(() => PrepareCommand.Run("cityscapes", scripts, temp.File("data"), calledByScript: false));
        Assert.Equal(expected, code);
        Assert.Contains(message, stderr);
        Assert.Contains("script says: fetching", stdout); // the script's own output came through
        Assert.Contains("script warns: slow mirror", stderr);
    }

    [Fact]
    public void The_script_runs_with_the_prepare_flag_and_data_root_then_the_reader_checks_what_it_unpacked()
    {
        using var temp = new Fixtures.TempFolder();
        var data = temp.File("data");
        WriteCityscapes(
            Path.Combine(data, "cityscapes", "raw"),
            ("train", "aachen_000000_000019"),
            ("train", "aachen_000001_000019"),
            ("val", "lindau_000000_000019")
        );
        var scripts = FakeScript(temp.Root, "echo \"flag=$DINO_IN_CORPUS_PREPARE data=$DINO_DATA\"; exit 0");
        var (code, stdout, stderr) = CliRunner.Capture(() => PrepareCommand.Run("cityscapes", scripts, data, calledByScript: false));
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains($"flag=1 data={data}", stdout);
        Assert.Contains("2 train, 1 val labelled frames", stdout);
    }

    [Fact]
    public void Called_back_by_its_script_it_only_checks_with_the_reader()
    {
        using var temp = new Fixtures.TempFolder();
        var scripts = FakeScript(temp.Root, "exit 9"); // would fail if it ran
        var (code, _, stderr) = CliRunner.Capture(() => PrepareCommand.Run("cityscapes", scripts, temp.File("data"), calledByScript: true));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.DoesNotContain("exit 9", stderr);
        Assert.Contains("the kit's reader cannot use cityscapes", stderr);
        Assert.Contains(Path.Combine(temp.File("data"), "cityscapes", "raw"), stderr);
    }

    [Theory]
    [InlineData("corpus", "prepare")]
    [InlineData("prepare")]
    public void An_embedded_corpus_is_sent_to_corpus_make_and_an_unknown_one_lists_the_valid_names(params string[] verb)
    {
        var (code, _, stderr) = CliRunner.Run([.. verb, "shapes"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("dino corpus make shapes", stderr);

        (code, _, stderr) = CliRunner.Run([.. verb, "imagenet"]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown corpus 'imagenet'", stderr);
        Assert.Contains("celebamask-hq", stderr);
    }

    [Fact]
    public void The_real_cityscapes_script_without_its_manual_downloads_exits_with_the_manual_step_code()
    {
        using var data = new DataRootScope();
        var (code, _, stderr) = CliRunner.Run("corpus", "prepare", "cityscapes");
        Assert.Equal(ExitCodes.ManualStep, code);
        Assert.Contains("gtFine_trainvaltest.zip", stderr); // the script's own instructions, streamed
        Assert.Contains("needs a manual step", stderr);
    }

    private static string FakeScript(string root, string body)
    {
        var scripts = Path.Combine(root, "scripts");
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, "cityscapes.sh"), $"echo 'script says: fetching'\necho 'script warns: slow mirror' >&2\n{body}\n");
        return scripts;
    }

    private static void WriteCityscapes(string root, params (string split, string stem)[] frames)
    {
        foreach (var (split, stem) in frames)
        {
            var city = stem.Split('_')[0];
            using (var photo = torch.zeros(new long[] { 2, 4, 3 }, ScalarType.Byte))
                ImageIO.Write(Path.Combine(root, CityscapesCorpus.PhotoFolder, split, city, stem + "_leftImg8bit.png"), photo);
            using (var ids = torch.zeros(new long[] { 2, 4 }, ScalarType.Byte))
                LabelMap.Write(Path.Combine(root, CityscapesCorpus.LabelFolder, split, city, stem + "_gtFine_labelIds.png"), ids);
        }
    }
}

using Dino.Repro.App.Cli;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Training;

/// <summary>`dino list` and `dino train` run in this process: their exit codes and messages.</summary>
public class TrainCliTests
{
    [Theory]
    [InlineData(
        new[] { "train", "toy-ganx" },
        "unknown experiment 'toy-ganx' (valid: acgan, acgan-encoder, bicyclegan, cyclegan-speech, dino, dino-bidirectional, dino-speech, "
            + "grid-recogniser, listen-and-move, perceptual-gan-speech, pix2pix, thesis-dcgan, toy-gan, wav2pix, wavegan-speech)"
    )]
    [InlineData(new[] { "train", "toy-gan", "--preset", "huge" }, "unknown preset 'huge' for toy-gan (valid: smoke, cpu, paper)")]
    [InlineData(new[] { "train", "toy-gan", "--set", "stepz=3" }, "unknown option 'stepz' (valid: steps, batch_size")]
    [InlineData(new[] { "train", "toy-gan", "--set", "steps=many" }, "option 'steps' expects an integer, got 'many'")]
    [InlineData(new[] { "train", "toy-gan", "--set", "steps" }, "'steps' is not an option assignment")]
    [InlineData(new[] { "train", "toy-gan", "--steps", "0" }, "steps must be at least 1")]
    [InlineData(new[] { "train", "toy-gan", "--bogus" }, "--bogus")]
    [InlineData(
        new[] { "train" },
        "name the experiment to train (valid: acgan, acgan-encoder, bicyclegan, cyclegan-speech, dino, dino-bidirectional, dino-speech, "
            + "grid-recogniser, listen-and-move, perceptual-gan-speech, pix2pix, thesis-dcgan, toy-gan, wav2pix, wavegan-speech)"
    )]
    [InlineData(new[] { "train", "--resume", "/nonexistent/run" }, "run folder '/nonexistent/run' does not exist")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public void Usage_errors_exit_2_and_say_what_is_valid(string[] args, string message)
    {
        var (code, _, error) = Dino(args);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Resume_refuses_options_that_would_change_the_run()
    {
        using var temp = new Fixtures.TempFolder();
        Directory.CreateDirectory(temp.File("run"));
        File.WriteAllText(temp.File("run/options.json"), "{}");
        var (code, _, error) = Dino(["train", "toy-gan", "--resume", temp.File("run"), "--seed", "3", "--set", "width=4"]);
        Assert.Equal(2, code);
        Assert.Contains("--seed, --set cannot change a run being resumed", error);
    }

    [Fact]
    public void A_training_failure_exits_1_with_the_reason()
    {
        using var temp = new Fixtures.TempFolder();
        var (code, _, error) = Dino(["train", "toy-gan", "--steps", "3", "--out", temp.Root, "--set", "learning_rate=1e300"]);
        Assert.Equal(1, code);
        Assert.Contains("training failed", error);
    }

    [Fact]
    public void A_successful_run_exits_0_and_names_its_folder()
    {
        using var temp = new Fixtures.TempFolder();
        var (code, output, _) = Dino(["train", "toy-gan", "--preset", "smoke", "--steps", "4", "--seed", "5", "--out", temp.Root]);
        Assert.Equal(0, code);
        Assert.Contains($"done: 4 steps in {Path.Combine(temp.Root, "00001-toy-gan-smoke")}", output);
        Assert.Contains("seed: 5", output);
        Assert.Contains("step 4/4", output); // plain progress: the test host's output is not a terminal
    }

    [Fact]
    public void List_shows_experiments_with_their_presets_then_corpora_and_metrics()
    {
        var (code, output, _) = Dino(["list", "--options"]);
        Assert.Equal(0, code);
        var sections = Sections(output);
        Assert.Equal(new[] { "experiments", "corpora", "metrics" }, sections.Keys);

        Assert.Matches(@"toy-gan\s+presets: smoke, cpu, paper", sections["experiments"]);
        Assert.Matches(@"dino-bidirectional\s+presets: smoke, cpu, paper", sections["experiments"]);
        Assert.Contains("learning_rate: 0.0002", sections["experiments"]);

        // Real corpora come from data-scripts, embedded ones are made on the spot: the listing says which is which.
        Assert.Matches(@"(?m)^  celebamask-hq\s+real\s+CelebAMask-HQ: 30,000 faces", sections["corpora"]);
        Assert.Matches(@"(?m)^  cityscapes\s+real\s+Cityscapes gtFine", sections["corpora"]);
        Assert.Matches(@"(?m)^  shapes\s+embedded\s+Shapes: label maps", sections["corpora"]);
        Assert.Matches(@"(?m)^  shapes-multimodal\s+embedded\s+Shapes-multimodal: ", sections["corpora"]);
        Assert.Matches(@"(?m)^  shapes-streets\s+embedded\s", sections["corpora"]);
        Assert.Matches(@"(?m)^  two-domain-faces\s+embedded\s+Two-domain faces: ", sections["corpora"]);

        Assert.Matches(@"(?m)^  psnr\s+peak signal-to-noise ratio in dB", sections["metrics"]);
        Assert.Matches(@"(?m)^  fid\s+Fréchet distance", sections["metrics"]);
        Assert.Matches(@"(?m)^  wer\s+word error rate", sections["metrics"]);
        Assert.Matches(@"(?m)^  pesq\s", sections["metrics"]);
    }

    // The listing's blocks by their heading (one bare word on its line), in printed order.
    private static OrderedDictionary<string, string> Sections(string output)
    {
        var sections = new OrderedDictionary<string, string>();
        string? heading = null;
        foreach (var line in output.Split('\n'))
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(line, "^[a-z]+$"))
                sections[heading = line] = "";
            else if (heading is not null)
                sections[heading] += line + "\n";
        }
        return sections;
    }

    // `dino train` configures the engine's thread count for the process; the other tests keep theirs.
    private static (int code, string output, string error) Dino(string[] args)
    {
        var threads = torch.get_num_threads();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = Program.Main(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            torch.set_num_threads(threads);
        }
    }
}

using System.Text.Json.Nodes;
using Dino.Repro.Evaluation.Metrics;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Evaluation.Registrations;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

/// <summary>
/// wer-speech's plumbing with an untrained (seeded) recogniser: whatever it hears, references are written from its
/// own transcripts with hand-placed edits, so the expected S, D, I and N are known exactly.
/// </summary>
public sealed class SpeechWerTests : IDisposable
{
    private static readonly string[] Clips = ["a", "b", "c", "d"];
    private readonly Fixtures.TempFolder temp = new();
    private readonly string recogniser;
    private readonly string wavs;

    public SpeechWerTests()
    {
        torch.manual_seed(21);
        var options = new GridRecogniserOptions
        {
            MelBands = 16,
            Channels = 16,
            Hidden = 8,
            ClipSeconds = 1.0,
        };
        using var transcriber = new GridTranscriber(options.CreateNetwork(), options);
        recogniser = temp.File("recogniser.safetensors");
        transcriber.Save(recogniser);
        wavs = Directory.CreateDirectory(temp.File("wavs")).FullName;
        var random = new Random(8);
        foreach (var name in Clips)
        {
            var samples = Enumerable.Range(0, 8_000).Select(_ => (float)(0.2 * (random.NextDouble() - 0.5))).ToArray();
            WavFile.Write(Path.Combine(wavs, name + ".wav"), samples, 16_000);
        }
    }

    private string[] Heard(string name)
    {
        using var transcriber = GridTranscriberFiles.Load(recogniser);
        return WordErrorRate.Words(transcriber.Transcribe(WavFile.Read(Path.Combine(wavs, name + ".wav"))));
    }

    private static string OtherWordOfSlot(int slot, string word) => Dino.Repro.Data.Grid.GridGrammar.Slots[slot].First(w => w != word);

    [Fact]
    public void Counts_hand_placed_substitutions_deletions_and_insertions_against_the_transcripts()
    {
        var a = Heard("a");
        var b = Heard("b");
        b[1] = OtherWordOfSlot(1, b[1]); // 2 substitutions
        b[4] = OtherWordOfSlot(4, b[4]);
        var c = Heard("c").Append("please").ToArray(); // the reference has a word more: 1 deletion
        var d = Heard("d")[..5]; // the reference lacks the adverb: 1 insertion
        var transcripts = temp.File("ref.txt");
        File.WriteAllLines(
            transcripts,
            [$"a {string.Join(' ', a)}", "", $"b.wav {string.Join(' ', b)}", $"c {string.Join(' ', c)}", $"d {string.Join(' ', d)}"]
        );

        var result = MetricRegistry
            .Get("wer-speech")
            .Compute(new MetricRequest(transcripts, wavs, new Dictionary<string, string> { ["recogniser"] = recogniser }));
        Assert.Equal(2, (int)result["substitutions"]!);
        Assert.Equal(1, (int)result["deletions"]!);
        Assert.Equal(1, (int)result["insertions"]!);
        Assert.Equal(6 + 6 + 7 + 5, (int)result["reference_words"]!);
        Assert.Equal(4.0 / 24, (double)result["value"]!, 12);
        Assert.Equal(4, (int)result["clips"]!);
    }

    [Fact]
    public void Writes_the_transcripts_it_heard_when_asked()
    {
        var transcripts = temp.File("ref.txt");
        File.WriteAllLines(transcripts, Clips.Select(n => $"{n} bin blue at f two now"));
        var output = temp.File("hyp.txt");
        var result = MetricRegistry
            .Get("wer-speech")
            .Compute(new MetricRequest(transcripts, wavs, new Dictionary<string, string> { ["recogniser"] = recogniser, ["hyp-out"] = output }));
        var lines = File.ReadAllLines(output);
        Assert.Equal(Clips.Select(n => $"{n} {string.Join(' ', Heard(n))}"), lines);
        // The headline WER is the plain text WER of those lines against the references.
        var expected = WordErrorRate.Corpus(Clips.Select(_ => "bin blue at f two now").ToList(), lines.Select(l => l[2..]).ToList());
        Assert.Equal(expected.Wer, (double)result["value"]!, 12);
    }

    [Fact]
    public void Missing_recogniser_wavs_or_transcripts_are_errors_naming_them()
    {
        var transcripts = temp.File("ref.txt");
        File.WriteAllLines(transcripts, Clips.Select(n => $"{n} bin blue at f two now"));
        var noRecogniser = Assert.Throws<MetricUsageException>(() =>
            MetricRegistry.Get("wer-speech").Compute(new MetricRequest(transcripts, wavs, new Dictionary<string, string>()))
        );
        Assert.Contains("dino train grid-recogniser", noRecogniser.Message);
        var absent = Assert.Throws<FileNotFoundException>(() =>
            MetricRegistry
                .Get("wer-speech")
                .Compute(new MetricRequest(transcripts, wavs, new Dictionary<string, string> { ["recogniser"] = temp.File("runs/none") }))
        );
        Assert.Contains("dino train grid-recogniser", absent.Message);

        using var transcriber = GridTranscriberFiles.Load(recogniser);
        var extraLine = SpeechWer.ReadReferences(transcripts).Append(new SpokenReference("e", "bin blue at f two now")).ToList();
        Assert.Contains("e.wav", Assert.Throws<FileNotFoundException>(() => SpeechWer.Score(transcriber, extraLine, wavs)).Message);
        var fewerLines = SpeechWer.ReadReferences(transcripts).Take(3).ToList();
        Assert.Contains("d.wav", Assert.Throws<InvalidDataException>(() => SpeechWer.Score(transcriber, fewerLines, wavs)).Message);

        File.WriteAllLines(transcripts, ["a bin blue at f two now", "b"]);
        Assert.Contains("ref.txt:2", Assert.Throws<InvalidDataException>(() => SpeechWer.ReadReferences(transcripts)).Message);
    }

    [Fact]
    public void The_cli_prints_the_wer_as_json_and_exits_2_without_a_recogniser()
    {
        var transcripts = temp.File("ref.txt");
        File.WriteAllLines(transcripts, Clips.Select(n => $"{n} {string.Join(' ', Heard(n))}"));
        var (code, stdout, stderr) = CliRunner.Run("metric", "wer-speech", "--ref", transcripts, "--deg", wavs, "--set", $"recogniser={recogniser}");
        Assert.True(code == 0, stderr);
        var result = JsonNode.Parse(stdout)!;
        Assert.Equal(0.0, (double)result["value"]!);
        Assert.Equal(24, (int)result["hits"]!);

        (code, _, stderr) = CliRunner.Run("metric", "wer-speech", "--ref", transcripts, "--deg", wavs);
        Assert.Equal(2, code);
        Assert.Contains("dino train grid-recogniser --preset cpu", stderr);
    }

    public void Dispose() => temp.Dispose();
}

using System.Text.Json;
using Dino.Repro.Data.Grid;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.Synthetic;

/// <summary>
/// `dino corpus make spoken-grid --preset smoke` run once for the tests of this class, with two utterances per speaker
/// instead of the preset's six (the speakers and voices are the preset's; only the work is less).
/// </summary>
public sealed class SpokenGridSmokeFolder : IDisposable
{
    public const int UtterancesPerSpeaker = 2;

    public SpokenGridSmokeFolder() =>
        (ExitCode, Stdout, Stderr) = CliRunner.Run(
            "corpus",
            "make",
            "spoken-grid",
            "--preset",
            "smoke",
            "--out",
            Folder.Root,
            "--count",
            UtterancesPerSpeaker.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );

    public Fixtures.TempFolder Folder { get; } = new();
    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }

    public void Dispose() => Folder.Dispose();
}

public class SpokenGridCliTests(SpokenGridSmokeFolder made) : IClassFixture<SpokenGridSmokeFolder>
{
    // The smoke preset's four speakers: two train, one validation, one test speaker of GridSplit.
    private static readonly int[] SmokeSpeakers = [1, 2, 3, 9];

    [Fact]
    public void The_cli_writes_a_folder_the_grid_reader_loads_with_words_that_spell_each_id()
    {
        Assert.True(made.ExitCode == 0, made.Stderr);
        Assert.Contains("speakers s1 s2 s3 s9", made.Stdout);
        using var corpus = new GridCorpus(made.Folder.Root);
        Assert.Equal(SmokeSpeakers, corpus.Speakers());
        Assert.All(SmokeSpeakers, s => Assert.Equal(SpokenGridSmokeFolder.UtterancesPerSpeaker, corpus.Utterances(s).Count));
        Assert.Equal([2, 1, 1], Enum.GetValues<GridSplitName>().Select(split => corpus.Utterances(split).Select(u => u.Speaker).Distinct().Count()));

        var utterance = corpus.Utterances(GridSplitName.Test)[0];
        using var example = corpus.Load(utterance, new GridClipOptions { Size = 32 });
        Assert.Equal([75L, 3, 32, 32], example.Video.shape);
        Assert.Equal([48_000L], example.Audio.shape);
        Assert.Equal(utterance.Id, GridLayout.IdOf(example.Words.Select(w => w.Word).ToArray()));
    }

    [Fact]
    public void The_manifest_records_one_installed_espeak_ng_voice_per_speaker_at_least_four_distinct()
    {
        Assert.True(made.ExitCode == 0, made.Stderr);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(made.Folder.Root, "spoken-grid.json")));
        var speakers = manifest
            .RootElement.GetProperty("speakers")
            .EnumerateArray()
            .Select(s => (Speaker: s.GetProperty("speaker").GetString()!, Voice: s.GetProperty("voice").GetString()!))
            .ToArray();
        // Every speaker folder written is in the manifest, once, with its own voice.
        Assert.Equal(SmokeSpeakers.Select(s => $"s{s}").Order(), speakers.Select(s => s.Speaker).Order());
        Assert.True(
            speakers.Select(s => s.Voice).Distinct().Count() is var voices && voices == speakers.Length && voices >= 4,
            $"voices: {string.Join(", ", speakers.Select(s => s.Voice))}"
        );
        Assert.All(speakers, s => Assert.True(EspeakVoices.IsInstalled(s.Voice), $"{s.Voice} is not an installed espeak-ng voice"));
        Assert.False(EspeakVoices.IsInstalled("en-us+zz9-p40-s175"), "the installed-voice check must be able to fail");
    }
}

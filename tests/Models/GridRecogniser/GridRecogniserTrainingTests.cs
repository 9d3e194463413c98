using System.Text.Json.Nodes;
using Dino.Repro.App;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.Evaluation.Metrics.Semantic;
using Dino.Repro.Evaluation.Speech;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.GridRecogniser;

/// <summary>
/// A Spoken GRID of three voices (s1 and s3 train, s9 validation) × 8 utterances, and one short grid-recogniser run
/// on it through the real trainer, made once for the tests of this class.
/// </summary>
public sealed class TrainedRecogniserFixture : IDisposable
{
    public const int Steps = 60;

    public TrainedRecogniserFixture()
    {
        Corpus = System.IO.Path.Combine(Folder.Root, "spoken-grid");
        SpokenGridCorpus.Write(Corpus, new SpokenGridOptions(Speakers: 3, UtterancesPerSpeaker: 8, FrameSize: 48, Seed: 11)).Dispose();
        var trainer = new Trainer(BuiltInExperiments.Registry, new TrainerSettings { RunsRoot = System.IO.Path.Combine(Folder.Root, "runs") });
        Result = trainer.Train(
            GridRecogniserExperiment.ExperimentName,
            Preset.Smoke,
            [
                new("corpus_path", Corpus),
                new("steps", $"{Steps}"),
                new("batch_size", "8"),
                new("evaluate_every", $"{Steps}"),
                new("checkpoint_every", $"{Steps}"),
                new("dropout", "0"),
                new("learning_rate", "0.003"),
                new("seed", "2"),
            ]
        );
    }

    public Fixtures.TempFolder Folder { get; } = new();
    public string Corpus { get; }
    public TrainingResult Result { get; }

    /// <summary>The training clips' WAVs with their sentences.</summary>
    public IReadOnlyList<(string Wav, string[] Words)> TrainingClips()
    {
        using var corpus = new GridCorpus(Corpus);
        return corpus
            .Utterances(GridSplitName.Train)
            .Select(u => (GridLayout.AudioPath(Corpus, u.Speaker, u.Id), corpus.ReadWords(u).Select(w => w.Word).ToArray()))
            .ToArray();
    }

    public void Dispose() => Folder.Dispose();
}

public class GridRecogniserTrainingTests(TrainedRecogniserFixture fixture) : IClassFixture<TrainedRecogniserFixture>
{
    [Fact]
    public void A_short_run_learns_the_command_slot_of_its_training_clips_well_above_chance()
    {
        Assert.True(fixture.Result.Completed);
        using var transcriber = GridTranscriberFiles.Load(fixture.Result.RunDirectory);
        var clips = fixture.TrainingClips();
        Assert.Equal(16, clips.Count);
        var heard = clips.Select(c => WordErrorRate.Words(transcriber.Transcribe(WavFile.Read(c.Wav)))).ToArray();
        Assert.All(heard, words => Assert.True(GridGrammar.IsSentence(words)));
        // Chance is 1/4 for the 4 commands. With these seeds the run gets 15 of the 16 commands right (measured; the
        // other slots 11–16 of 16); the bound 0.75 (12 of 16) is 3× chance and leaves a margin of 3 clips.
        var commandAccuracy = clips.Zip(heard).Count(p => p.First.Words[0] == p.Second[0]) / (double)clips.Count;
        Assert.True(commandAccuracy >= 0.75, $"command accuracy {commandAccuracy} on the training clips");
    }

    [Fact]
    public void The_log_reports_validation_slot_accuracy_and_a_wer_that_counts_one_substitution_per_wrong_slot()
    {
        var lines = File.ReadAllLines(System.IO.Path.Combine(fixture.Result.RunDirectory, "metrics.jsonl"));
        var metrics = JsonNode.Parse(lines[^1])!["metrics"]!.AsObject();
        var perSlot = GridSlots.Names.Select(n => (double)metrics[$"val_acc_{n}"]!).ToArray();
        Assert.All(perSlot, a => Assert.InRange(a, 0, 1));
        Assert.Equal(perSlot.Average(), (double)metrics["val_slot_accuracy"]!, 12);
        // Every slot has its own words, so a six-word hypothesis against a six-word reference aligns slot to slot:
        // WER = wrong slots / 6 = 1 − mean slot accuracy.
        Assert.Equal(1 - perSlot.Average(), (double)metrics["val_wer"]!, 12);
    }

    [Fact]
    public void Saved_and_reloaded_recognisers_transcribe_identically()
    {
        var clips = fixture.TrainingClips();
        using var fromRun = GridTranscriberFiles.Load(fixture.Result.RunDirectory);
        using var fromCheckpoint = GridTranscriberFiles.Load(fixture.Result.LastCheckpoint!);
        using var temp = new Fixtures.TempFolder();
        fromRun.Save(temp.File("recogniser.safetensors"));
        using var fromExport = GridTranscriberFiles.Load(temp.File("recogniser.safetensors"));
        Assert.Equal(fromRun.Options, fromExport.Options);
        foreach (var (wav, _) in clips)
        {
            var audio = WavFile.Read(wav);
            var expected = fromRun.Transcribe(audio);
            Assert.Equal(expected, fromCheckpoint.Transcribe(audio));
            Assert.Equal(expected, fromExport.Transcribe(audio));
        }
    }

    [Fact]
    public void Loading_from_a_missing_or_foreign_file_says_how_to_train_a_recogniser()
    {
        using var temp = new Fixtures.TempFolder();
        var missing = Assert.Throws<FileNotFoundException>(() => GridTranscriberFiles.Load(temp.File("nothing-here")));
        Assert.Contains("dino train grid-recogniser --preset cpu", missing.Message);
        Assert.Contains("nothing-here", missing.Message);
        var notRun = Assert.Throws<FileNotFoundException>(() => GridTranscriberFiles.Load(temp.Root));
        Assert.Contains("no options.json", notRun.Message);
        File.WriteAllText(temp.File("bogus.safetensors"), "not a safetensors file at all");
        Assert.Contains(
            "bogus.safetensors is not a safetensors file",
            Assert.Throws<InvalidDataException>(() => GridTranscriberFiles.Load(temp.File("bogus.safetensors"))).Message
        );
        using (var scope = torch.NewDisposeScope())
            SafeTensors.Save([KeyValuePair.Create("x", torch.zeros(2))], temp.File("other.safetensors"));
        Assert.Contains(
            "neither a GRID recogniser export",
            Assert.Throws<InvalidDataException>(() => GridTranscriberFiles.Load(temp.File("other.safetensors"))).Message
        );
    }
}

using Dino.Repro.App;
using Dino.Repro.IO;
using Dino.Repro.Models;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Wav2Pix;
using Dino.Repro.Tests.Support;
using Dino.Repro.Tests.Training;
using Dino.Repro.Training;

namespace Dino.Repro.Tests.Models.Wav2Pix;

/// <summary>The registered Wav2Pix on the embedded voice-faces at the smoke preset, made in a temporary data root.</summary>
public sealed class Wav2PixTrainingTests : IDisposable
{
    private readonly DataRootScope data = new();
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose()
    {
        temp.Dispose();
        data.Dispose();
    }

    [Fact]
    public void Training_batches_hold_only_training_speakers_each_with_a_face_of_another()
    {
        using var scope = NewDisposeScope();
        var definition = BuiltInExperiments.Registry.Get(Wav2PixExperiment.Name);
        var options = (Wav2PixOptions)definition.Resolve(Preset.Smoke);
        using var experiment = (Wav2PixExperiment)definition.Create(options);

        // Four voices, the last held out: labels 0–2 train; the auxiliary classifier still counts all four.
        Assert.Equal(4, experiment.Networks["C"].parameters().Last().size(0));
        var seen = new HashSet<long>();
        for (var i = 0; i < 6; i++)
        {
            var batch = experiment.Data.Next();
            Assert.Equal(new long[] { 8, 3, 64, 64 }, batch[TalkingHeadData.FaceKey].shape);
            Assert.Equal(new long[] { 8, 4096 }, batch[TalkingHeadData.SpeechKey].shape);
            var labels = batch[TalkingHeadData.LabelKey].ToArray<long>();
            seen.UnionWith(labels);
            // Each row carries a wrong face: another speaker's, so never the row's own.
            var wrong = batch[TalkingHeadData.WrongFaceKey];
            Assert.Equal(batch[TalkingHeadData.FaceKey].shape, wrong.shape);
            Assert.All(Enumerable.Range(0, 8), r => Assert.False(wrong[r].allclose(batch[TalkingHeadData.FaceKey][r], rtol: 0, atol: 0)));
        }
        Assert.Equal(new HashSet<long> { 0, 1, 2 }, seen);
    }

    [Fact]
    public void A_smoke_run_trains_draws_real_above_generated_faces_and_resumes_bit_for_bit()
    {
        var overrides = TrainingFixtures.Set("log_every=1", "checkpoint_every=2");
        var (reference, losses) = TrainingFixtures.AssertStopAndResumeMatch(
            BuiltInExperiments.Registry,
            temp.Root,
            Wav2PixExperiment.Name,
            overrides,
            stopAfter: 5,
            comparedAfter: 6
        );
        Assert.Equal(12, losses.Count);
        Assert.NotEqual(losses[1]["G"], losses[12]["G"]);
        // Two rows of four 64² faces, one pixel between them and around.
        using var grid = Dino.Repro.Vision.ImageIO.Read(Path.Combine(reference.RunDirectory, "samples", "step-000012.png"));
        Assert.Equal(new long[] { 1 + 2 * 65, 1 + 4 * 65, 3 }, grid.shape);
    }

    [Fact]
    public void A_corpus_without_talking_heads_is_refused_naming_those_that_have_them()
    {
        var definition = BuiltInExperiments.Registry.Get(Wav2PixExperiment.Name);
        var options = definition.Resolve(Preset.Smoke, TrainingFixtures.Set("corpus=shapes"));
        var refused = Assert.Throws<UsageException>(() => definition.Create(options));
        Assert.Contains("no talking heads in corpus 'shapes'", refused.Message);
        Assert.Contains("youtubers, voice-faces", refused.Message);
        Assert.Contains(
            "corpus_size names an embedded corpus' size",
            string.Join("; ", (new Wav2PixOptions { CorpusSize = Preset.Paper }).Validate())
        );
    }
}

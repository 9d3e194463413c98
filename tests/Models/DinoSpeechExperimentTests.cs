using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Models.Dino;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Models;

public class DinoSpeechExperimentTests
{
    // A few frames of 16² grey mouths and their speech, narrow networks; the window is the whole clip, so its offset is 0.
    private static DinoSpeechOptions Tiny(double initialK) =>
        DinoSpeechExperiment.Presets[Preset.Smoke](new DinoSpeechOptions()) with
        {
            ClipFrames = 4,
            WindowFrames = 4,
            BatchSize = 2,
            InitialK = initialK,
        };

    private static Dictionary<string, Tensor> RandomClips(long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        var mouths = randint(0, 256, [2, 4, 16, 16, 1], dtype: ScalarType.Byte, generator: generator);
        var speech = rand([2, 4 * 640], generator: generator).mul(Scalars.Of(2)).sub(Scalars.Of(1));
        return new Dictionary<string, Tensor> { [DinoSpeechExperiment.MouthKey] = mouths, [DinoSpeechExperiment.AudioKey] = speech };
    }

    [Fact]
    public void A_step_trains_R_on_eq_5_then_F_through_the_updated_R_and_moves_k_by_eq_4()
    {
        var options = Tiny(initialK: 0.5);
        using var experiment = new DinoSpeechExperiment(options, new ShuffledBatches(RandomClips(1), 2, 1));
        var batch = new Batch(2, RandomClips(2));
        using var scope = NewDisposeScope();
        var video = DinoSpeechExperiment.Video(batch[DinoSpeechExperiment.MouthKey]);
        var speech = batch[DinoSpeechExperiment.AudioKey];
        var first = video.select(2, 0);
        // F before the step, kept aside: after it, F's loss is recomputed through the updated R.
        using var forwardBefore = new VideoToSpeechGenerator(options.Sizes);
        forwardBefore.load_state_dict(experiment.Forward.state_dict());

        manual_seed(9);
        var noise = experiment.Reverse.DrawNoise(2, 4);
        double eReal,
            eFake;
        using (no_grad())
        {
            eReal = nn.functional.mse_loss(experiment.Reverse.call(speech, first, noise), video).ToDouble();
            eFake = nn.functional.mse_loss(experiment.Reverse.call(forwardBefore.call(video), first, noise), video).ToDouble();
        }
        manual_seed(9); // the step draws the same noise
        var logged = experiment.Step(batch);

        Assert.Equal(eReal, logged["E_real"], 5);
        Assert.Equal(eFake, logged["E_fake"], 5);
        var hinge = eFake < options.Margin ? 0.5 * (options.Margin - eFake) : 0;
        Assert.Equal(eReal + hinge, logged["R"], 5);
        using (no_grad())
        {
            var eTranslation = nn.functional.mse_loss(experiment.Reverse.call(forwardBefore.call(video), first, noise), video).ToDouble();
            Assert.Equal(eTranslation, logged["F"], 5);
        }
        Assert.Equal(Math.Clamp(0.5 + 0.001 * (eReal - 0.5 * eFake), 0, 1), experiment.Controller[DinoSpeechExperiment.BalanceKey], 9);
    }

    [Fact]
    public void The_window_is_cut_at_the_same_offset_from_the_video_and_the_speech()
    {
        var options = Tiny(0) with { WindowFrames = 2 };
        using var experiment = new DinoSpeechExperiment(options, new ShuffledBatches(RandomClips(1), 2, 1));
        using var scope = NewDisposeScope();
        // Frame t of every mouth is grey level 10·t; its 640 samples hold t.
        var mouths = arange(Scalars.Of(4), dtype: ScalarType.Byte).mul(Scalars.Of(10)).view(1, 4, 1, 1, 1).expand(2, 4, 16, 16, 1).contiguous();
        var speech = arange(Scalars.Of(4), dtype: ScalarType.Float32).repeat_interleave(640L).unsqueeze(0).expand(2, -1).contiguous();
        var offsets = new HashSet<long>();
        for (var i = 0; i < 20; i++)
        {
            var (video, audio) = experiment.Window(
                new Batch(2, new Dictionary<string, Tensor> { [DinoSpeechExperiment.MouthKey] = mouths, [DinoSpeechExperiment.AudioKey] = speech })
            );
            Assert.Equal([2L, 1, 2, 16, 16], video.shape);
            Assert.Equal([2L, 2 * 640], audio.shape);
            var start = (long)audio[0, 0].ToSingle();
            offsets.Add(start);
            Assert.Equal(start + 1, (long)audio[0, 640].ToSingle());
            Assert.Equal(10 * start / 127.5 - 1, video[0, 0, 0, 0, 0].ToDouble(), 5);
        }
        Assert.Equal([0L, 1, 2], offsets.Order());
    }
}

using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Models.CycleGanSpeech;
using Dino.Repro.Tests.Support;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Tests.Models;

public class CycleGanSpeechExperimentTests
{
    private static readonly CycleGanSpeechOptions Tiny = CycleGanSpeechExperiment.Presets[Preset.Smoke](new CycleGanSpeechOptions()) with
    {
        ClipFrames = 4,
        WindowFrames = 4,
        BatchSize = 2,
    };

    private static Dictionary<string, Tensor> RandomClips(long seed)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        return new Dictionary<string, Tensor>
        {
            [CycleGanSpeechExperiment.MouthKey] = randint(0, 256, [2, 4, 16, 16, 1], dtype: ScalarType.Byte, generator: generator),
            [CycleGanSpeechExperiment.AudioKey] = rand([2, 4 * 640], generator: generator).mul(Scalars.Of(2)).sub(Scalars.Of(1)),
        };
    }

    private static T Copy<T>(T network, T blank)
        where T : nn.Module
    {
        blank.load_state_dict(network.state_dict());
        return blank;
    }

    [Fact]
    public void A_step_takes_both_lsgan_terms_and_ten_times_both_cycles_for_g_then_trains_the_critics_on_the_same_fakes()
    {
        using var experiment = new CycleGanSpeechExperiment(Tiny, new ShuffledBatches(RandomClips(1), 2, 1));
        var batch = new Batch(2, RandomClips(2));
        var sizes = Tiny.Sizes;
        using var scope = NewDisposeScope();
        // The networks before the step; the step's random draws (noise, then phase shuffles) come in the order below.
        using var forward = Copy(experiment.Forward, new VideoToSpeechGenerator(sizes));
        using var reverse = Copy(experiment.Reverse, new SpeechToVideoGenerator(sizes));
        using var audioCritic = Copy(experiment.AudioCritic, new WaveDiscriminator(4 * 640, Tiny.AudioCriticWidth));
        using var videoCritic = Copy(experiment.VideoCritic, new MouthVideoEncoder(sizes with { VideoWidth = Tiny.VideoCriticWidth, Embedding = 1 }));
        var video = CycleGanSpeechExperiment.Video(batch[CycleGanSpeechExperiment.MouthKey]);
        var speech = batch[CycleGanSpeechExperiment.AudioKey];
        var first = video.select(2, 0);
        double Ls(Tensor scores, double target) => scores.sub(Scalars.Of(target)).pow(Scalars.Of(2)).mean().ToDouble();

        manual_seed(4);
        var noise = reverse.DrawNoise(2, 4);
        var fakeSpeech = forward.call(video);
        var fakeVideo = reverse.call(speech, first, noise);
        var adversarialAudio = Ls(audioCritic.call(fakeSpeech, null), 1);
        var adversarialVideo = Ls(videoCritic.call(fakeVideo), 1);
        var cycle = F.l1_loss(reverse.call(fakeSpeech, first, noise), video).ToDouble() + F.l1_loss(forward.call(fakeVideo), speech).ToDouble();
        var criticAudio = (Ls(audioCritic.call(speech, null), 1) + Ls(audioCritic.call(fakeSpeech, null), 0)) / 2;
        var criticVideo = (Ls(videoCritic.call(video), 1) + Ls(videoCritic.call(fakeVideo), 0)) / 2;

        manual_seed(4);
        var logged = experiment.Step(batch);
        Assert.Equal(adversarialAudio, logged["G_adv_audio"], 5);
        Assert.Equal(adversarialVideo, logged["G_adv_video"], 5);
        Assert.Equal(cycle, logged["cycle"], 5);
        Assert.Equal(adversarialAudio + adversarialVideo + 10 * cycle, logged["G"], 4);
        // The critics' step sees the generators' outputs from before G's update and its own weights unchanged by it.
        Assert.Equal(criticAudio, logged["D_audio"], 5);
        Assert.Equal(criticVideo, logged["D_video"], 5);
    }
}

using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Models.Dino;
using Dino.Repro.Training;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.CycleGanSpeech;

/// <summary>
/// CycleGAN (Zhu et al. 2017) adapted to video→speech, a baseline of DINO's Table 3: G_AB is DINO's Forward network (video
/// to speech), G_BA its Reverse network (speech and first frame to video); an audio discriminator (WaveGAN's) and a video
/// one (the video encoder's design, a score per frame), both least-squares. G's loss is both adversarial terms plus
/// λ·(‖G_BA(G_AB(x)) − x‖₁ + ‖G_AB(G_BA(y)) − y‖₁); then each discriminator learns ½[(D(real) − 1)² + D(fake)²]. CycleGAN's
/// identity loss has no meaning across modalities and its 50-image pool is left out (a choice the report records).
/// </summary>
public sealed class CycleGanSpeechExperiment : VideoSpeechExperiment<CycleGanSpeechOptions>, IVideoToSpeech
{
    public const string Name = "cyclegan-speech";

    public static ExperimentDefinition<CycleGanSpeechOptions> Definition(Func<CycleGanSpeechOptions, IBatchSource> data) =>
        new(
            Name,
            "CycleGAN video↔speech (DINO's Table 3 baseline: Forward and Reverse networks, audio and video LSGAN critics)",
            Presets,
            options => new CycleGanSpeechExperiment(options, data(options))
        );

    /// <summary>DINO video-to-speech's data and network sizes at every preset, critics narrowed alike.</summary>
    public static IReadOnlyDictionary<Preset, Func<CycleGanSpeechOptions, CycleGanSpeechOptions>> Presets { get; } =
        new Dictionary<Preset, Func<CycleGanSpeechOptions, CycleGanSpeechOptions>>
        {
            [Preset.Smoke] = o => VideoSpeechPresets.Smoke(o) with { AudioCriticWidth = 4, VideoCriticWidth = 4 },
            [Preset.Cpu] = o => VideoSpeechPresets.Cpu(o) with { AudioCriticWidth = 16, VideoCriticWidth = 16 },
            [Preset.Paper] = VideoSpeechPresets.Paper,
        };

    private static readonly string[] Losses = ["G", "G_adv_audio", "G_adv_video", "cycle", "D_audio", "D_video"];

    private readonly VideoToSpeechGenerator forward;
    private readonly SpeechToVideoGenerator reverse;
    private readonly WaveDiscriminator audioCritic;
    private readonly MouthVideoEncoder videoCritic;
    private readonly optim.Optimizer optG,
        optD;

    public CycleGanSpeechExperiment(CycleGanSpeechOptions options, IBatchSource data)
        : base(options, data)
    {
        var sizes = options.Sizes;
        forward = AddNetwork("G_AB", WeightInit.Normal(new VideoToSpeechGenerator(sizes)));
        reverse = AddNetwork("G_BA", WeightInit.Normal(new SpeechToVideoGenerator(sizes)));
        audioCritic = AddNetwork(
            "D_audio",
            WeightInit.Normal(new WaveDiscriminator(options.WindowFrames * sizes.SamplesPerFrame, options.AudioCriticWidth))
        );
        videoCritic = AddNetwork(
            "D_video",
            WeightInit.Normal(new MouthVideoEncoder(sizes with { VideoWidth = options.VideoCriticWidth, Embedding = 1 }))
        );
        foreach (var network in new nn.Module[] { forward, reverse, audioCritic, videoCritic })
            network.to(Device);
        optG = AddOptimizer(
            "G",
            torch.optim.Adam(forward.parameters().Concat(reverse.parameters()), lr: options.LearningRate, beta1: options.Beta1, beta2: 0.999)
        );
        optD = AddOptimizer(
            "D",
            torch.optim.Adam(audioCritic.parameters().Concat(videoCritic.parameters()), lr: options.LearningRate, beta1: options.Beta1, beta2: 0.999)
        );
    }

    public VideoToSpeechGenerator Forward => forward;
    public SpeechToVideoGenerator Reverse => reverse;
    public WaveDiscriminator AudioCritic => audioCritic;
    public MouthVideoEncoder VideoCritic => videoCritic;
    public VideoToSpeechGenerator Speaker => forward;
    public override IReadOnlyList<string> LossNames => Losses;

    // LSGAN: the mean of (score − target)².
    private static Tensor LeastSquares(Tensor scores, double target) => F.mse_loss(scores, torch.full_like(scores, Scalars.Of(target)));

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (video, speech) = Window(batch);
        var first = video.select(2, 0);
        var noise = reverse.DrawNoise(video.size(0), video.size(2)); // one draw for the step's passes of G_BA

        // Generators, with the critics' weights left out of the backward pass (CycleGAN's set_requires_grad).
        var fakeSpeech = forward.call(video);
        var fakeVideo = reverse.call(speech, first, noise);
        Tensor adversarialAudio,
            adversarialVideo;
        using (RequiresGrad.Off(audioCritic.parameters().Concat(videoCritic.parameters())))
        {
            adversarialAudio = LeastSquares(audioCritic.call(fakeSpeech, null), 1);
            adversarialVideo = LeastSquares(videoCritic.call(fakeVideo), 1);
        }
        var cycle = F.l1_loss(reverse.call(fakeSpeech, first, noise), video) + F.l1_loss(forward.call(fakeVideo), speech);
        var lossG = adversarialAudio + adversarialVideo + cycle * Scalars.Of(Options.CycleWeight);
        optG.zero_grad();
        lossG.backward();
        optG.step();

        // Critics on the real pair and the generators' detached outputs.
        var lossAudio =
            (LeastSquares(audioCritic.call(speech, null), 1) + LeastSquares(audioCritic.call(fakeSpeech.detach(), null), 0)) * Scalars.Of(0.5);
        var lossVideo = (LeastSquares(videoCritic.call(video), 1) + LeastSquares(videoCritic.call(fakeVideo.detach()), 0)) * Scalars.Of(0.5);
        optD.zero_grad();
        (lossAudio + lossVideo).backward();
        optD.step();

        return new Dictionary<string, double>
        {
            ["G"] = lossG.ToDouble(),
            ["G_adv_audio"] = adversarialAudio.ToDouble(),
            ["G_adv_video"] = adversarialVideo.ToDouble(),
            ["cycle"] = cycle.ToDouble(),
            ["D_audio"] = lossAudio.ToDouble(),
            ["D_video"] = lossVideo.ToDouble(),
        };
    }
}

using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Models.GridRecogniser;
using Dino.Repro.Training;
using F = TorchSharp.torch.nn.functional;

namespace Dino.Repro.Models.PerceptualGanSpeech;

/// <summary>
/// The Perceptual GAN baseline of DINO's Table 3 (Vougioukas et al. 2019): DINO's Forward network speaks the video; a
/// WGAN-GP critic on the speech alone makes <see cref="PerceptualGanOptions.CriticSteps"/> updates per step, each on a new
/// window, then the generator minimises −D(G(x)) plus L1 on the waveform, on log power spectrograms and on a frozen speech
/// encoder's features (the kit's GRID recogniser: <see cref="GridTranscriber.Features"/>), each weighted by its option.
/// </summary>
public sealed class PerceptualGanExperiment : VideoSpeechExperiment<PerceptualGanOptions>, IVideoToSpeech
{
    public const string Name = "perceptual-gan-speech";

    /// <param name="data">The clip batches.</param>
    /// <param name="speechEncoder">The frozen recogniser <see cref="PerceptualGanOptions.SpeechEncoder"/> names; the experiment owns it.</param>
    public static ExperimentDefinition<PerceptualGanOptions> Definition(
        Func<PerceptualGanOptions, IBatchSource> data,
        Func<PerceptualGanOptions, GridTranscriber> speechEncoder
    ) =>
        new(
            Name,
            "Perceptual GAN video→speech (DINO's Table 3 baseline: Forward network, WGAN-GP critic, waveform, spectrogram and speech-encoder L1)",
            Presets,
            options =>
                options.SpeechEncoder.Length == 0
                    ? throw new UsageException(PerceptualGanOptions.NeedsSpeechEncoder)
                    : new PerceptualGanExperiment(options, data(options), speechEncoder(options))
        );

    public static IReadOnlyDictionary<Preset, Func<PerceptualGanOptions, PerceptualGanOptions>> Presets { get; } =
        new Dictionary<Preset, Func<PerceptualGanOptions, PerceptualGanOptions>>
        {
            [Preset.Smoke] = o => VideoSpeechPresets.Smoke(o) with { CriticWidth = 4, CriticSteps = 2 },
            [Preset.Cpu] = o => VideoSpeechPresets.Cpu(o) with { CriticWidth = 16 },
            [Preset.Paper] = VideoSpeechPresets.Paper,
        };

    private static readonly string[] Losses = ["D", "wasserstein", "G", "G_adv", "waveform", "spectrogram", "perceptual"];

    private readonly VideoToSpeechGenerator generator;
    private readonly WaveDiscriminator critic;
    private readonly GridTranscriber speechEncoder;
    private readonly optim.Optimizer optG,
        optD;

    public PerceptualGanExperiment(PerceptualGanOptions options, IBatchSource data, GridTranscriber speechEncoder)
        : base(options, data)
    {
        this.speechEncoder = speechEncoder ?? throw new ArgumentNullException(nameof(speechEncoder));
        var sizes = options.Sizes;
        generator = AddNetwork("G", WeightInit.Normal(new VideoToSpeechGenerator(sizes)));
        critic = AddNetwork("D", WeightInit.Normal(new WaveDiscriminator(options.WindowFrames * sizes.SamplesPerFrame, options.CriticWidth)));
        generator.to(Device);
        critic.to(Device);
        speechEncoder.To(Device);
        optG = AddOptimizer("G", torch.optim.Adam(generator.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
        optD = AddOptimizer("D", torch.optim.Adam(critic.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
    }

    public VideoToSpeechGenerator Generator => generator;
    public VideoToSpeechGenerator Speaker => generator;
    public override IReadOnlyList<string> LossNames => Losses;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        Tensor video = null!,
            speech = null!,
            lossD = null!,
            wasserstein = null!;
        for (var i = 0; i < Options.CriticSteps; i++)
        {
            (video, speech) = Window(batch);
            Tensor fake;
            using (torch.no_grad())
                fake = generator.call(video);
            (lossD, wasserstein, _) = WganGpCritic.Update(x => critic.call(x, null), speech, fake, Options.PenaltyWeight, optD);
        }

        var generated = generator.call(video);
        Tensor adversarial;
        using (RequiresGrad.Off(critic.parameters()))
            adversarial = critic.call(generated, null).mean().neg();
        var waveform = F.l1_loss(generated, speech);
        var spectrogram = PowerSpectrogramLoss.Of(generated, speech);
        Tensor perceptual;
        using (var realFeatures = speechEncoder.Features(speech).detach())
            perceptual = F.l1_loss(speechEncoder.Features(generated), realFeatures);
        var lossG =
            adversarial * Scalars.Of(Options.AdversarialWeight)
            + waveform * Scalars.Of(Options.WaveformWeight)
            + spectrogram * Scalars.Of(Options.SpectrogramWeight)
            + perceptual * Scalars.Of(Options.PerceptualWeight);
        optG.zero_grad();
        lossG.backward();
        optG.step();
        return new Dictionary<string, double>
        {
            ["D"] = lossD.ToDouble(),
            ["wasserstein"] = wasserstein.ToDouble(),
            ["G"] = lossG.ToDouble(),
            ["G_adv"] = adversarial.ToDouble(),
            ["waveform"] = waveform.ToDouble(),
            ["spectrogram"] = spectrogram.ToDouble(),
            ["perceptual"] = perceptual.ToDouble(),
        };
    }

    protected override void Dispose(bool disposing) => speechEncoder.Dispose();
}

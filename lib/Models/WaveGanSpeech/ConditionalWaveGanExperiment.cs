using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Training;

namespace Dino.Repro.Models.WaveGanSpeech;

/// <summary>
/// The conditional WaveGAN baseline of DINO's Table 3: DINO's Forward network speaks the video, and a WGAN-GP critic
/// (<see cref="VideoConditionedCritic"/>) scores speech given the video. Each step makes <see cref="ConditionalWaveGanOptions.CriticSteps"/>
/// critic updates, each on a new window of the batch's clips — loss D(fake) − D(real) + λ·GP — then one generator update
/// on the last window, loss −D(G(x)).
/// </summary>
public sealed class ConditionalWaveGanExperiment : VideoSpeechExperiment<ConditionalWaveGanOptions>, IVideoToSpeech
{
    public const string Name = "wavegan-speech";

    public static ExperimentDefinition<ConditionalWaveGanOptions> Definition(Func<ConditionalWaveGanOptions, IBatchSource> data) =>
        new(
            Name,
            "Conditional WaveGAN video→speech (DINO's Table 3 baseline: Forward network, WGAN-GP critic on speech given the video)",
            Presets,
            options => new ConditionalWaveGanExperiment(options, data(options))
        );

    /// <summary>DINO video-to-speech's data and generator sizes at every preset, the critic narrowed alike.</summary>
    public static IReadOnlyDictionary<Preset, Func<ConditionalWaveGanOptions, ConditionalWaveGanOptions>> Presets { get; } =
        new Dictionary<Preset, Func<ConditionalWaveGanOptions, ConditionalWaveGanOptions>>
        {
            [Preset.Smoke] = o => VideoSpeechPresets.Smoke(o) with { CriticWidth = 4, ConditionChannels = 2, CriticSteps = 2 },
            [Preset.Cpu] = o => VideoSpeechPresets.Cpu(o) with { CriticWidth = 16, ConditionChannels = 4 },
            [Preset.Paper] = VideoSpeechPresets.Paper,
        };

    private static readonly string[] Losses = ["D", "wasserstein", "penalty", "G"];

    private readonly VideoToSpeechGenerator generator;
    private readonly VideoConditionedCritic critic;
    private readonly optim.Optimizer optG,
        optD;

    public ConditionalWaveGanExperiment(ConditionalWaveGanOptions options, IBatchSource data)
        : base(options, data)
    {
        var sizes = options.Sizes;
        generator = AddNetwork("G", WeightInit.Normal(new VideoToSpeechGenerator(sizes)));
        critic = AddNetwork("D", new VideoConditionedCritic(sizes, options.WindowFrames, options.CriticWidth, options.ConditionChannels));
        generator.to(Device);
        critic.to(Device);
        optG = AddOptimizer("G", torch.optim.Adam(generator.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
        optD = AddOptimizer("D", torch.optim.Adam(critic.parameters(), lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2));
    }

    public VideoToSpeechGenerator Generator => generator;
    public VideoConditionedCritic Critic => critic;
    public VideoToSpeechGenerator Speaker => generator;
    public override IReadOnlyList<string> LossNames => Losses;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        Tensor video = null!,
            lossD = null!,
            wasserstein = null!,
            penalty = null!;
        for (var i = 0; i < Options.CriticSteps; i++)
        {
            (video, var speech) = Window(batch);
            Tensor fake;
            using (torch.no_grad())
                fake = generator.call(video);
            var condition = critic.Condition(video);
            (lossD, wasserstein, penalty) = WganGpCritic.Update(x => critic.call(x, condition), speech, fake, Options.PenaltyWeight, optD);
        }

        Tensor lossG;
        using (RequiresGrad.Off(critic.parameters()))
            lossG = critic.call(generator.call(video), critic.Condition(video)).mean().neg();
        optG.zero_grad();
        lossG.backward();
        optG.step();
        return new Dictionary<string, double>
        {
            ["D"] = lossD.ToDouble(),
            ["wasserstein"] = wasserstein.ToDouble(),
            ["penalty"] = penalty.ToDouble(),
            ["G"] = lossG.ToDouble(),
        };
    }
}

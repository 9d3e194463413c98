using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common.VideoSpeech;
using Dino.Repro.Training;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// One-way DINO for video-to-speech (paper §4.2; Table 3): x is the mouth video, y the speech, x₀ the clip's first frame.
/// The Forward network F (<see cref="VideoToSpeechGenerator"/>) speaks the video; the Reverse network R
/// (<see cref="SpeechToVideoGenerator"/>) redraws the video from speech and x₀ and is the energy-based critic:
/// E_real = d(R(y, x₀), x), E_fake = d(R(sg F(x), x₀), x), L_R = E_real + k·max(0, m − E_fake), L_F = d(R(F(x), x₀), x)
/// (Eq. 5, d = MSE, no L1 term), k by Eq. 4 with γ = 0.5. Each step trains on a window of <see cref="DinoSpeechOptions.WindowFrames"/>
/// frames and their 640 samples a frame, cut at a seeded random offset of the batch's clips.
/// </summary>
public sealed class DinoSpeechExperiment : VideoSpeechExperiment<DinoSpeechOptions>, IVideoToSpeech
{
    public const string Name = "dino-speech";
    public const string BalanceKey = "k";

    /// <summary>The definition under <see cref="Name"/>: <paramref name="data"/> makes the clip batches for the resolved options.</summary>
    public static ExperimentDefinition<DinoSpeechOptions> Definition(Func<DinoSpeechOptions, IBatchSource> data) =>
        new(
            Name,
            "DINO one-way video-to-speech (Forward video→speech vs Reverse speech→video energy; Table 3)",
            Presets,
            options => new DinoSpeechExperiment(options, data(options))
        );

    /// <summary>The sizes every Table 3 model has at a preset (<see cref="VideoSpeechPresets"/>).</summary>
    public static IReadOnlyDictionary<Preset, Func<DinoSpeechOptions, DinoSpeechOptions>> Presets { get; } =
        new Dictionary<Preset, Func<DinoSpeechOptions, DinoSpeechOptions>>
        {
            [Preset.Smoke] = VideoSpeechPresets.Smoke,
            [Preset.Cpu] = VideoSpeechPresets.Cpu,
            [Preset.Paper] = VideoSpeechPresets.Paper,
        };

    private static readonly string[] Losses = ["R", "F", "E_real", "E_fake"];

    private readonly VideoToSpeechGenerator forward;
    private readonly SpeechToVideoGenerator reverse;
    private readonly optim.Optimizer optF,
        optR;
    private readonly BalanceController controller;

    public DinoSpeechExperiment(DinoSpeechOptions options, IBatchSource data)
        : base(options, data)
    {
        var sizes = options.Sizes;
        forward = AddNetwork("F", Common.WeightInit.Normal(new VideoToSpeechGenerator(sizes)));
        reverse = AddNetwork("R", Common.WeightInit.Normal(new SpeechToVideoGenerator(sizes)));
        forward.to(Device);
        reverse.to(Device);
        optF = AddOptimizer("F", torch.optim.Adam(forward.parameters(), lr: options.LearningRateF, beta1: options.Beta1, beta2: 0.999));
        optR = AddOptimizer("R", torch.optim.Adam(reverse.parameters(), lr: options.LearningRateR, beta1: options.Beta1, beta2: 0.999));
        controller = DinoBalance.Controller(options);
        Controller.Declare(BalanceKey, options.InitialK);
    }

    public VideoToSpeechGenerator Forward => forward;
    public SpeechToVideoGenerator Reverse => reverse;
    public VideoToSpeechGenerator Speaker => forward;
    public override IReadOnlyList<string> LossNames => Losses;

    /// <summary>R's step on (real, detached fake), then F's through the updated R, then k (the image DINO's order).</summary>
    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (video, speech) = Window(batch);
        var first = video.select(2, 0);
        var noise = reverse.DrawNoise(video.size(0), video.size(2)); // one draw for the step's three passes of R
        var k = Controller[BalanceKey];

        var translation = forward.call(video);
        var energyReal = DinoLosses.Energy(reverse.call(speech, first, noise), video);
        var energyFake = DinoLosses.Energy(reverse.call(translation.detach(), first, noise), video);
        var lossR = DinoLosses.ReverseLoss(energyReal, energyFake, k, Options.Margin);
        optR.zero_grad();
        lossR.backward();
        optR.step();

        // Eq. 5 with no reconstruction term: F learns only through R's energy of its speech.
        var lossF = DinoLosses.Energy(reverse.call(translation, first, noise), video);
        optF.zero_grad();
        lossF.backward();
        optF.step();

        var eReal = energyReal.ToDouble();
        var eFake = energyFake.ToDouble();
        Controller[BalanceKey] = controller.Update(k, eReal, eFake);
        return new Dictionary<string, double>
        {
            ["R"] = lossR.ToDouble(),
            ["F"] = lossF.ToDouble(),
            ["E_real"] = eReal,
            ["E_fake"] = eFake,
        };
    }
}

using Dino.Repro.Data.Grid;
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
public sealed class DinoSpeechExperiment : Experiment<DinoSpeechOptions>
{
    public const string Name = "dino-speech";
    public const string BalanceKey = "k";

    /// <summary>Batch keys: the clips' mouths uint8 [B, T, S, S, C] and speech float [B, T · 640] (<see cref="GridClipTensors"/>).</summary>
    public const string MouthKey = GridClipTensors.MouthKey,
        AudioKey = GridClipTensors.AudioKey;

    /// <summary>The definition under <see cref="Name"/>: <paramref name="data"/> makes the clip batches for the resolved options.</summary>
    public static ExperimentDefinition<DinoSpeechOptions> Definition(Func<DinoSpeechOptions, IBatchSource> data) =>
        new(
            Name,
            "DINO one-way video-to-speech (Forward video→speech vs Reverse speech→video energy; Table 3)",
            Presets,
            options => new DinoSpeechExperiment(options, data(options))
        );

    /// <summary>
    /// smoke: seconds on 4 Spoken GRID voices, 16² grey crops, half-second windows; cpu: the sheet's size — 32² grey crops,
    /// 1-s windows, widths a quarter, 2,000 steps; paper: GRID at 96² colour, 3-s clips, on CUDA (steps the kit's choice).
    /// </summary>
    public static IReadOnlyDictionary<Preset, Func<DinoSpeechOptions, DinoSpeechOptions>> Presets { get; } =
        new Dictionary<Preset, Func<DinoSpeechOptions, DinoSpeechOptions>>
        {
            [Preset.Smoke] = o =>
                o with
                {
                    SpokenGridSpeakers = 4,
                    SpokenGridUtterances = 6,
                    FrameSize = 16,
                    Grayscale = true,
                    ClipFrames = 25,
                    WindowFrames = 12,
                    VideoWidth = 4,
                    Embedding = 16,
                    ForwardHidden = 16,
                    DecoderWidth = 32,
                    AudioWidth = 4,
                    AudioCode = 16,
                    ReverseHidden = 16,
                    IdentityWidth = 4,
                    IdentityCode = 8,
                    BatchSize = 4,
                    Steps = 6,
                    LogEvery = 2,
                    SampleEvery = 0,
                    CheckpointEvery = 3,
                    KeepCheckpoints = 1,
                },
            [Preset.Cpu] = o =>
                o with
                {
                    FrameSize = 32,
                    Grayscale = true,
                    WindowFrames = 25,
                    VideoWidth = 16,
                    Embedding = 64,
                    ForwardHidden = 64,
                    DecoderWidth = 64,
                    AudioWidth = 4,
                    AudioCode = 64,
                    ReverseHidden = 64,
                    IdentityWidth = 16,
                    IdentityCode = 32,
                    Steps = 2000,
                    LogEvery = 25,
                    SampleEvery = 0,
                    CheckpointEvery = 250,
                },
            [Preset.Paper] = o => o with { Corpus = "grid", Device = ComputeDevice.Cuda, Steps = 100_000, SampleEvery = 0, CheckpointEvery = 5000 },
        };

    private static readonly string[] Losses = ["R", "F", "E_real", "E_fake"];

    private readonly Device device;
    private readonly VideoToSpeechGenerator forward;
    private readonly SpeechToVideoGenerator reverse;
    private readonly optim.Optimizer optF,
        optR;
    private readonly BalanceController controller;
    private readonly Generator windows;
    private readonly IBatchSource data;

    public DinoSpeechExperiment(DinoSpeechOptions options, IBatchSource data)
        : base(options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        device = TargetDevice;
        var sizes = options.Sizes;
        forward = AddNetwork("F", Common.WeightInit.Normal(new VideoToSpeechGenerator(sizes)));
        reverse = AddNetwork("R", Common.WeightInit.Normal(new SpeechToVideoGenerator(sizes)));
        forward.to(device);
        reverse.to(device);
        optF = AddOptimizer("F", torch.optim.Adam(forward.parameters(), lr: options.LearningRateF, beta1: options.Beta1, beta2: 0.999));
        optR = AddOptimizer("R", torch.optim.Adam(reverse.parameters(), lr: options.LearningRateR, beta1: options.Beta1, beta2: 0.999));
        controller = DinoBalance.Controller(options);
        Controller.Declare(BalanceKey, options.InitialK);
        windows = AddGenerator("windows", new Generator(unchecked((ulong)(options.Seed + 1))));
    }

    public VideoToSpeechGenerator Forward => forward;
    public SpeechToVideoGenerator Reverse => reverse;
    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    /// <summary>Mouths uint8 [B, T, S, S, C] as the networks take them: float [B, C, T, S, S] in [−1, 1].</summary>
    public static Tensor Video(Tensor mouths) =>
        mouths.to(ScalarType.Float32).div(Scalars.Of(127.5)).sub(Scalars.Of(1)).permute(0, 4, 1, 2, 3).contiguous();

    /// <summary>The batch's video [B, C, W, S, S] and speech [B, W · 640] over a window of W frames at a seeded random offset.</summary>
    public (Tensor video, Tensor speech) Window(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mouths = batch[MouthKey];
        var frames = mouths.size(1);
        var width = Options.WindowFrames;
        if (frames < width)
            throw new ArgumentException($"clips of {frames} frames are shorter than window_frames {width}");
        using var offset = torch.randint(0, frames - width + 1, [1], generator: windows);
        var start = offset.ToInt64();
        var perFrame = Options.ClipOptions.SamplesPerFrame;
        var video = Video(mouths.narrow(1, start, width)).to(device);
        var speech = batch[AudioKey].narrow(1, start * perFrame, width * perFrame).to(device);
        return (video, speech);
    }

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

using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move (Redondo 2023; reference train.py): the <see cref="SoundToVideoGenerator"/> draws a clip from its
/// sound, one clip of one video per step, carrying its recurrent states from clip to clip. Each step (Eq. 6's terms):
/// D_V — the 3-D <see cref="SkipDiscriminator"/> — is updated on real vs generated clips and on real vs frame-shuffled
/// real clips (so it must judge motion, not frames), each a WGAN-GP loss; then D_I on one frame (the same random index,
/// real vs generated); then G on −D_V(fake) − D_I(fake frame) + λ_p · MSE(φ(real), φ(fake)), φ a frozen feature network
/// (the reference applies the perceptual term to G, where Eq. 6 prints it in L_V). Non-finite gradients are zeroed, as the
/// reference does.
/// </summary>
public sealed class ListenAndMoveExperiment : Experiment<ListenAndMoveOptions>
{
    public const string Name = "listen-and-move";

    public static ExperimentDefinition<ListenAndMoveOptions> Definition(Func<ListenAndMoveOptions, SoundClipData> data) =>
        new(
            Name,
            "Listen and Move sound→video (Redondo 2023): dilated residual GRU, acIN, directional ConvGRU video prediction, D_V and D_I, WGAN-GP",
            Presets,
            options => new ListenAndMoveExperiment(options, data(options))
        );

    /// <summary>smoke: seconds at 16², T = 8; cpu: 32², T = 16, three generative layers of 64 → 16 channels, 1,500 steps;
    /// paper: the real clip at 128², T = 32, 50,000 steps on CUDA with VGG16 features.</summary>
    public static IReadOnlyDictionary<Preset, Func<ListenAndMoveOptions, ListenAndMoveOptions>> Presets { get; } =
        new Dictionary<Preset, Func<ListenAndMoveOptions, ListenAndMoveOptions>>
        {
            [Preset.Smoke] = o =>
                o with
                {
                    CorpusSeconds = 8,
                    ImageSize = 16,
                    ClipLength = 8,
                    ChannelsBase = 32,
                    MaxChannels = 16,
                    Steps = 6,
                    LogEvery = 2,
                    SampleEvery = 0,
                    CheckpointEvery = 3,
                    KeepCheckpoints = 1,
                },
            [Preset.Cpu] = o =>
                o with
                {
                    ImageSize = 32,
                    ClipLength = 16,
                    ChannelsBase = 128,
                    MaxChannels = 64,
                    Steps = 1500,
                    LogEvery = 25,
                    SampleEvery = 250,
                    CheckpointEvery = 250,
                },
            [Preset.Paper] = o =>
                o with
                {
                    Corpus = "sound-video",
                    PerceptualNet = "",
                    Device = ComputeDevice.Cuda,
                    CheckpointEvery = 5000,
                    SampleEvery = 2500,
                },
        };

    private static readonly string[] Losses = ["D_V", "D_V_shuffled", "D_I", "G", "perceptual"];

    private readonly SoundClipData data;
    private readonly SoundToVideoGenerator generator;
    private readonly SkipDiscriminator videoCritic,
        imageCritic;
    private readonly optim.Optimizer optG,
        optDV,
        optDI;
    private readonly nn.Module featureNetwork;
    private readonly Func<Tensor, Tensor> features;
    private readonly bool imageNetInputs;

    public ListenAndMoveExperiment(ListenAndMoveOptions options, SoundClipData data)
        : this(options, data, perceptual: null) { }

    /// <param name="perceptual">A frozen feature network in place of the one the options name (null: theirs) — the
    /// benchmark's untrained stand-in, which costs what a trained one does without training it on a clip first.</param>
    internal ListenAndMoveExperiment(ListenAndMoveOptions options, SoundClipData data, FrameFeatureNet? perceptual)
        : base(options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        var device = TargetDevice;
        generator = AddNetwork("G", new SoundToVideoGenerator(options.Architecture));
        videoCritic = AddNetwork("D_V", new SkipDiscriminator(options.ClipLength, options.ImageSize, options.ChannelsBase, options.MaxChannels));
        imageCritic = AddNetwork("D_I", new SkipDiscriminator(1, options.ImageSize, options.ChannelsBase, options.MaxChannels));
        foreach (var network in Networks.Values)
            network.to(device);
        optG = AddOptimizer("G", Adam(generator, options.LearningRateG));
        optDV = AddOptimizer("D_V", Adam(videoCritic, options.LearningRateD));
        optDI = AddOptimizer("D_I", Adam(imageCritic, options.LearningRateD));
        if (perceptual is not null)
            (featureNetwork, features) = (perceptual, perceptual.call);
        else if (options.PerceptualNet == FrameFeatures.StandIn)
        {
            var states = data.TrainStates
                ?? throw new UsageException(
                    $"perceptual_net={FrameFeatures.StandIn} needs recorded frame states (sound-motion); corpus '{options.Corpus}' has none: "
                        + "give a TorchScript VGG16 to relu2_2 (data-scripts/CONVERSION.md)"
                );
            var standIn = FrameFeatures.TrainedStandIn(options.Corpus, options.Clip, options.Seed, data.Clip.Train.Frames, states);
            (featureNetwork, features) = (standIn, standIn.call);
        }
        else if (options.PerceptualNet.Length == 0)
            throw new UsageException("perceptual_net must name a TorchScript VGG16 to relu2_2 (data-scripts/CONVERSION.md) for real clips");
        else
        {
            var vgg = FrameFeatures.TorchScript(options.PerceptualNet);
            (featureNetwork, features, imageNetInputs) = (vgg, vgg.call, true);
        }
        featureNetwork.to(device);
    }

    public SoundToVideoGenerator Generator => generator;
    public override IReadOnlyList<string> LossNames => Losses;
    public override Data.Loading.IBatchSource Data => data.Batches;

    private optim.Optimizer Adam(nn.Module network, double lr) =>
        torch.optim.Adam(network.parameters(), lr: lr, beta1: Options.Beta1, beta2: Options.Beta2);

    public override IReadOnlyDictionary<string, double> Step(Data.Loading.Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var device = TargetDevice;
        var sound = batch[SoundClipBatches.FeaturesKey].to(device);
        var real = batch[SoundClipBatches.FramesKey].to(device); // [1, T, 3, S, S]
        if (batch[SoundClipBatches.FirstOfPassKey].item<float>() > 0)
            generator.Reset(); // a new pass over the video starts with fresh states
        var frames = real.size(1);
        var pick = torch.randint(0, frames, [1], dtype: ScalarType.Int64).item<long>();
        var fake = generator.call(sound);
        var shuffled = real.index_select(1, torch.randperm(frames).to(device));

        // D_V: generated clips and frame-shuffled real clips are both fakes; one Adam step on the summed losses.
        optDV.zero_grad();
        var lossDV = CriticLoss(videoCritic, real, fake.detach());
        var lossShuffled = CriticLoss(videoCritic, real, shuffled);
        lossDV.add(lossShuffled).backward();
        FiniteGradients.ZeroNonFinite(videoCritic.parameters());
        optDV.step();

        optDI.zero_grad();
        var lossDI = CriticLoss(imageCritic, real.select(1, pick), fake.detach().select(1, pick));
        lossDI.backward();
        FiniteGradients.ZeroNonFinite(imageCritic.parameters());
        optDI.step();

        Tensor adversarial,
            perceptual;
        using (RequiresGrad.Off(videoCritic.parameters().Concat(imageCritic.parameters())))
        {
            adversarial = videoCritic.call(fake).mean().neg().sub(imageCritic.call(fake.select(1, pick)).mean());
            perceptual = Perceptual(real, fake);
        }
        var lossG = adversarial.add(perceptual.mul(Scalars.Of(Options.PerceptualWeight)));
        optG.zero_grad();
        lossG.backward();
        FiniteGradients.ZeroNonFinite(generator.parameters());
        optG.step();
        return new Dictionary<string, double>
        {
            ["D_V"] = lossDV.ToDouble(),
            ["D_V_shuffled"] = lossShuffled.ToDouble(),
            ["D_I"] = lossDI.ToDouble(),
            ["G"] = lossG.ToDouble(),
            ["perceptual"] = perceptual.ToDouble(),
        };
    }

    // WGAN-GP: mean D(fake) − mean D(real) over every patch score, plus λ·GP on the gradient of the summed scores, as the reference.
    private Tensor CriticLoss(SkipDiscriminator critic, Tensor real, Tensor fake)
    {
        var wasserstein = critic.call(fake).mean().sub(critic.call(real).mean());
        var penalty = GradientPenalty.Of(x => critic.call(x).flatten(1).sum(1), real, fake);
        return wasserstein.add(penalty.mul(Scalars.Of(Options.PenaltyWeight)));
    }

    // MSE between the frozen network's features of every real and generated frame, both mapped to [0, 1].
    private Tensor Perceptual(Tensor real, Tensor fake)
    {
        using var scope = torch.NewDisposeScope();
        Tensor Prepare(Tensor video)
        {
            var unit = video.flatten(0, 1).add(Scalars.Of(1)).div(Scalars.Of(2));
            if (!imageNetInputs)
                return unit;
            var mean = torch.tensor(new float[] { 0.485f, 0.456f, 0.406f }, device: unit.device).view(1, 3, 1, 1);
            var std = torch.tensor(new float[] { 0.229f, 0.224f, 0.225f }, device: unit.device).view(1, 3, 1, 1);
            return unit.sub(mean).div(std);
        }
        var target = features(Prepare(real)).detach();
        return nn.functional.mse_loss(features(Prepare(fake)), target).MoveToOuterDisposeScope();
    }

    /// <summary>The first clip of the validation split: real frames above, generated ones below (states reset, eval mode).</summary>
    public override Tensor? SampleGrid()
    {
        var validation = data.Clip.Validation;
        if (validation.ClipCount == 0)
            return null;
        using var scope = torch.NewDisposeScope();
        using var clip = validation.Clip(0);
        var drawn = generator.DrawClip(clip.Features, Options.Seed);
        return SampleGrids.Tile(torch.cat([clip.Frames, drawn]), (int)clip.Frames.size(0)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            featureNetwork.Dispose();
            data.Dispose();
        }
    }
}

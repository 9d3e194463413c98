using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The thesis' conditional DCGAN trained as Reed et al.'s: each step draws z, makes fakes from z and the condition, updates
/// D once on the real and the fake faces and G once. G's optimiser also trains the speech encoder "E" (speech rows; §IV-D:
/// "SEGAN is only trained in the generator", D sees the embedding without a gradient) and G's own identity projection;
/// D's trains D's projection. <see cref="Definition"/> builds a registrable definition.
/// </summary>
public sealed class ThesisDcganExperiment : Experiment<ThesisDcganOptions>, ISpeechToFaceModel
{
    public const string Name = "thesis-dcgan";

    public static ExperimentDefinition<ThesisDcganOptions> Definition(Func<ThesisDcganOptions, TalkingHeadData> data) =>
        new(
            Name,
            "Roldán 2018: Reed et al.'s DCGAN drawing faces from a speaker's name (one-hot) or speech (YouTubers; smoke/cpu: voice-faces)",
            Presets,
            options => new ThesisDcganExperiment(options, data(options))
        );

    public static IReadOnlyDictionary<Preset, Func<ThesisDcganOptions, ThesisDcganOptions>> Presets { get; } =
        new Dictionary<Preset, Func<ThesisDcganOptions, ThesisDcganOptions>>
        {
            // Pairs, sizes and schedules shared by every speech-to-face model: SpeechToFaceModelOptions.WithPresetSizes.
            [Preset.Smoke] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Smoke) with { Latent = 16 },
            [Preset.Cpu] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Cpu),
            // The thesis gives no schedule: 100 epochs of its 42,199 faces at batch 64 (≈ 660 steps an epoch).
            [Preset.Paper] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Paper) with { Steps = 66_000 },
        };

    private static readonly string[] Losses = ["D", "G"];

    private readonly Device device;
    private readonly int identities;
    private readonly ThesisDcganGenerator generator;
    private readonly ThesisDcganDiscriminator discriminator;
    private readonly nn.Module<Tensor, Tensor>? encoder;
    private readonly IdentityProjection? projectionG,
        projectionD;
    private readonly optim.Optimizer optG,
        optD;
    private readonly IBatchSource data;
    private readonly Tensor sampleFaces,
        sampleSpeech,
        sampleLabels,
        sampleZ;

    public ThesisDcganExperiment(ThesisDcganOptions options, TalkingHeadData data)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data.Train;
        identities = data.Identities;
        if (options.UsesIdentityCode && identities > IdentityCode.Size)
            throw new ArgumentException($"the concatenated one-hot code holds at most {IdentityCode.Size} speakers, the corpus has {identities}");
        device = TargetDevice;
        generator = AddNetwork(
            "G",
            WeightInit.Normal(new ThesisDcganGenerator(options.Latent, options.ConditionSize, options.Width, options.SpectralNorm, options.Dropout))
        );
        discriminator = AddNetwork(
            "D",
            WeightInit.Normal(
                options.AuxiliaryClassifier
                    ? new ThesisDcganDiscriminator(0, identities + 1, options.Width, options.SpectralNorm)
                    : new ThesisDcganDiscriminator(options.ConditionSize, 1, options.Width, options.SpectralNorm)
            )
        );
        if (options.UsesSpeech)
            encoder =
                options.Condition == FaceCondition.Mel
                    ? AddNetwork("E", new MelSpeechEncoder(options.Samples, options.SpeechChannels))
                    : AddNetwork("E", new SeganSpeechEncoder(options.Samples, options.SpeechChannels));
        if (options.Condition == FaceCondition.OneHotProjected)
        {
            projectionG = AddNetwork("GP", new IdentityProjection(identities));
            if (!options.AuxiliaryClassifier)
                projectionD = AddNetwork("DP", new IdentityProjection(identities));
        }
        foreach (var network in Networks.Values)
            network.to(device);
        var gParameters = new nn.Module?[] { generator, encoder, projectionG }
            .OfType<nn.Module>()
            .SelectMany(m => m.parameters());
        var dParameters = new nn.Module?[] { discriminator, projectionD }
            .OfType<nn.Module>()
            .SelectMany(m => m.parameters());
        optG = AddOptimizer("G", torch.optim.Adam(gParameters, lr: options.LearningRateG, beta1: options.Beta1, beta2: 0.999));
        optD = AddOptimizer("D", torch.optim.Adam(dParameters, lr: options.LearningRateD, beta1: options.Beta1, beta2: 0.999));

        // Sample grid: the real faces above two draws each (two fixed z), from a private generator.
        var count = Math.Min(options.SampleCount, data.Samples.Size);
        sampleFaces = data.Samples[TalkingHeadData.FaceKey][..count].to(device).DetachFromDisposeScope();
        sampleSpeech = data.Samples[TalkingHeadData.SpeechKey][..count].to(device).DetachFromDisposeScope();
        sampleLabels = data.Samples[TalkingHeadData.LabelKey][..count].to(device).DetachFromDisposeScope();
        foreach (var name in data.Samples.Names)
            data.Samples[name].Dispose();
        using var fixedNoise = new Generator(unchecked((ulong)(options.Seed + 2)));
        using (var z = torch.randn([2, 1, options.Latent], generator: fixedNoise))
            sampleZ = z.expand(2, count, options.Latent).reshape(2 * count, options.Latent).to(device).DetachFromDisposeScope();
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public ThesisDcganGenerator G => generator;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var real = batch[TalkingHeadData.FaceKey].to(device);
        var speakers = batch[TalkingHeadData.LabelKey].to(device);
        var speech = batch[TalkingHeadData.SpeechKey].to(device);
        var z = torch.randn([batch.Size, Options.Latent], device: device);

        // D: real faces with their condition real, fakes fake (or, AC-GAN: real faces as their speaker, fakes as "fake").
        var (conditionG, embedding) = GeneratorCondition(speakers, speech);
        var fake = generator.call(z, conditionG);
        var lossD = DiscriminatorLoss(real, fake.detach(), speakers, embedding?.detach());
        optD.zero_grad();
        lossD.backward();
        optD.step();

        // G: fakes called real (or called their speaker), through the updated D.
        var lossG = GeneratorLoss(fake, speakers, embedding?.detach());
        optG.zero_grad();
        lossG.backward();
        optG.step();

        return new Dictionary<string, double> { ["D"] = lossD.ToDouble(), ["G"] = lossG.ToDouble() };
    }

    /// <summary>
    /// Faces for speakers [B] and their speech [B, samples] from z [B, Z], in eval mode (batch norm's running statistics, no dropout).
    /// </summary>
    public Tensor Generate(Tensor z, Tensor speakers, Tensor speech)
    {
        using var _ = torch.no_grad();
        var modules = new nn.Module?[] { generator, encoder, projectionG }
            .OfType<nn.Module>()
            .ToArray();
        return EvalMode.Run(
            () =>
            {
                using var scope = torch.NewDisposeScope();
                var (condition, _) = GeneratorCondition(speakers.to(device), speech.to(device));
                return generator.call(z.to(device), condition).MoveToOuterDisposeScope();
            },
            modules
        );
    }

    public Tensor DrawFaces(Tensor speakers, Tensor speech, Generator noise)
    {
        ArgumentNullException.ThrowIfNull(speakers);
        using var z = torch.randn([speakers.size(0), Options.Latent], generator: noise);
        return Generate(z, speakers, speech);
    }

    public override Tensor? SampleGrid()
    {
        var count = (int)sampleFaces.size(0);
        using var fakes = Generate(sampleZ, sampleLabels.repeat(2), sampleSpeech.repeat(2, 1));
        using var all = torch.cat([sampleFaces, fakes]);
        return SampleGrids.Tile(all, count);
    }

    // G's condition vector and, for the speech rows, the speech embedding it holds (which D reads without a gradient).
    private (Tensor condition, Tensor? embedding) GeneratorCondition(Tensor speakers, Tensor speech)
    {
        var embedding = encoder?.call(speech);
        return (Condition(projectionG, speakers, embedding), embedding);
    }

    // One side's condition vector: its own identity projection, the fixed code, the speech embedding, or both of the last two.
    private Tensor Condition(IdentityProjection? projection, Tensor speakers, Tensor? embedding) =>
        Options.Condition switch
        {
            FaceCondition.OneHotProjected => projection!.call(speakers),
            FaceCondition.OneHotConcatenated => IdentityCode.Concatenated(speakers, identities),
            FaceCondition.Speech or FaceCondition.Mel => embedding!,
            FaceCondition.SpeechAndOneHot => torch.cat([embedding!, IdentityCode.Concatenated(speakers, identities)], 1),
            _ => throw new InvalidOperationException($"unknown condition {Options.Condition}"),
        };

    private Tensor DiscriminatorLoss(Tensor real, Tensor fake, Tensor speakers, Tensor? embedding)
    {
        if (Options.AuxiliaryClassifier)
            return ThesisDcganLosses.ClassifyingDiscriminator(discriminator.call(real, null), discriminator.call(fake, null), speakers);
        var condition = Condition(projectionD, speakers, embedding);
        return ThesisDcganLosses.LeastSquaresDiscriminator(
            discriminator.call(real, condition).view(-1),
            discriminator.call(fake, condition).view(-1)
        );
    }

    private Tensor GeneratorLoss(Tensor fake, Tensor speakers, Tensor? embedding)
    {
        // D only judges here: its weights need no gradient (its optimiser clears them anyway).
        using var _ = RequiresGrad.Off(discriminator.parameters().Concat(projectionD?.parameters() ?? []));
        if (Options.AuxiliaryClassifier)
            return ThesisDcganLosses.ClassifyingGenerator(discriminator.call(fake, null), speakers);
        return ThesisDcganLosses.LeastSquaresGenerator(discriminator.call(fake, Condition(projectionD, speakers, embedding)).view(-1));
    }

    protected override void Dispose(bool disposing)
    {
        sampleFaces.Dispose();
        sampleSpeech.Dispose();
        sampleLabels.Dispose();
        sampleZ.Dispose();
    }
}

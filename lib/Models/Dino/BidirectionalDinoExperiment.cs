using Dino.Repro.Data;
using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Training;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// Bidirectional DINO (Vougioukas et al., ICLR 2021, §3.1, Eq. 6–7): F translates source x ("A") into target y ("B"),
/// R translates back, and each is the other's energy-based critic through its critic stream
/// (<see cref="BidirectionalDinoUNet"/>). One iteration: the critic stage (both encoders, trunks and heads, opt_C),
/// then the generation stage (F's decoder, opt_F; then R's decoder, opt_R). Encoders move only in the critic stage.
/// Player 1 = F as critic (energies E1 of y), player 2 = R as critic (energies E2 of x), each with its own k.
/// </summary>
public sealed class BidirectionalDinoExperiment : PairedTranslationExperiment<BidirectionalDinoOptions>
{
    public const string Name = "dino-bidirectional";
    public const string ForwardBalanceKey = "k1";
    public const string ReverseBalanceKey = "k2";

    /// <summary>The definition under <see cref="Name"/>; <paramref name="data"/> as <see cref="DinoExperiment.Definition"/>'s.</summary>
    public static ExperimentDefinition<BidirectionalDinoOptions> Definition(Func<BidirectionalDinoOptions, IBatchSource> data) =>
        new(
            Name,
            "DINO bidirectional image-to-image translation (both U-Nets translate and criticise through branched decoders)",
            Presets,
            options => new BidirectionalDinoExperiment(options, data(options))
        );

    /// <summary>One-way DINO's presets (smoke, cpu, paper); the branch point keeps its default, the paper's.</summary>
    public static IReadOnlyDictionary<Preset, Func<BidirectionalDinoOptions, BidirectionalDinoOptions>> Presets { get; } =
        DinoExperiment.Presets.ToDictionary(
            preset => preset.Key,
            preset => (Func<BidirectionalDinoOptions, BidirectionalDinoOptions>)(o => (BidirectionalDinoOptions)preset.Value(o))
        );

    private static readonly string[] Losses = { "C", "F", "R", "E1_real", "E1_fake", "E2_real", "E2_fake" };

    private readonly BidirectionalDinoUNet forward;
    private readonly BidirectionalDinoUNet reverse;
    private readonly optim.Optimizer optF;
    private readonly optim.Optimizer optR;
    private readonly optim.Optimizer optC;
    private readonly BalanceController controller;

    public BidirectionalDinoExperiment(BidirectionalDinoOptions options, IBatchSource data)
        : base(options, data, PairedAugmentation.Dino)
    {
        forward = AddNetwork(
            "F",
            new BidirectionalDinoUNet(options.Resolution, options.NoiseSize, options.BranchLayer, options.Channels, options.NormKind, options.Width)
        );
        reverse = AddNetwork(
            "R",
            new BidirectionalDinoUNet(options.Resolution, options.NoiseSize, options.BranchLayer, options.Channels, options.NormKind, options.Width)
        );
        forward.to(Device);
        reverse.to(Device);
        // opt_F / opt_R: a player's whole generative decoder; opt_C: both encoders, both trunks [0, L) and both heads.
        optF = AddOptimizer("F", Adam(forward.Decoder.parameters()));
        optR = AddOptimizer("R", Adam(reverse.Decoder.parameters()));
        optC = AddOptimizer("C", Adam(CriticParameters(forward).Concat(CriticParameters(reverse))));
        if (options.LinearDecay)
        {
            var steps = (double)options.Steps;
            foreach (var (name, optimizer) in Optimizers)
                AddScheduler(name, new ResumableLambdaLR(optimizer, step => Math.Max(0, 1 - step / steps)));
        }
        controller = DinoBalance.Controller(options);
        Controller.Declare(ForwardBalanceKey, options.InitialK);
        Controller.Declare(ReverseBalanceKey, options.InitialK);
    }

    public BidirectionalDinoUNet Forward => forward;
    public BidirectionalDinoUNet Reverse => reverse;
    public override IReadOnlyList<string> LossNames => Losses;

    /// <summary>One player's noise for <paramref name="batch"/> pairs (<see cref="DinoOptions.SampleNoise"/>; null without noise).</summary>
    public Tensor? SampleNoise(long batch, Generator? generator = null) => Options.SampleNoise(batch, Device, generator);

    /// <summary>z₁ for F and z₂ for R, drawn once; the critic stage, then the generation stage.</summary>
    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var (source, target) = PairOnDevice(batch);
        var z1 = SampleNoise(batch.Size);
        var z2 = SampleNoise(batch.Size);
        var losses = new Dictionary<string, double>(CriticStep(source, target, z1, z2));
        foreach (var (name, value) in GenerationStep(source, target, z1, z2))
            losses[name] = value;
        foreach (var scheduler in Schedulers.Values)
            scheduler.step();
        return losses;
    }

    /// <summary>
    /// The critic stage (Eq. 7, each player's first two terms): low energy for real pairs, high for the other player's
    /// detached translations, through the critic streams; one opt_C step; then both k by Eq. 4 from these energies.
    /// </summary>
    public IReadOnlyDictionary<string, double> CriticStep(Tensor source, Tensor target, Tensor? z1, Tensor? z2)
    {
        var k1 = Controller[ForwardBalanceKey];
        var k2 = Controller[ReverseBalanceKey];
        Tensor translationF,
            translationR; // sg[F(x, z₁)], sg[R(y, z₂)]
        using (torch.no_grad())
        {
            translationF = forward.call(source, z1);
            translationR = reverse.call(target, z2);
        }
        var energy1Real = DinoLosses.Energy(forward.Critic(source, z1), target); // E1_real = d(F_c(x, z₁), y)
        var energy1Fake = DinoLosses.Energy(forward.Critic(translationR, z1), target); // E1_fake = d(F_c(sg[R(y, z₂)], z₁), y)
        var energy2Real = DinoLosses.Energy(reverse.Critic(target, z2), source); // E2_real = d(R_c(y, z₂), x)
        var energy2Fake = DinoLosses.Energy(reverse.Critic(translationF, z2), source); // E2_fake = d(R_c(sg[F(x, z₁)], z₂), x)
        var loss1 = DinoLosses.ReverseLoss(energy1Real, energy1Fake, k1, Options.Margin);
        var loss2 = DinoLosses.ReverseLoss(energy2Real, energy2Fake, k2, Options.Margin);
        var lossC = loss1 + loss2;
        optC.zero_grad();
        lossC.backward();
        optC.step();

        var (e1Real, e1Fake) = (energy1Real.ToDouble(), energy1Fake.ToDouble());
        var (e2Real, e2Fake) = (energy2Real.ToDouble(), energy2Fake.ToDouble());
        Controller[ForwardBalanceKey] = controller.Update(k1, e1Real, e1Fake);
        Controller[ReverseBalanceKey] = controller.Update(k2, e2Real, e2Fake);
        return new Dictionary<string, double>
        {
            ["C"] = lossC.ToDouble(),
            ["E1_real"] = e1Real,
            ["E1_fake"] = e1Fake,
            ["E2_real"] = e2Real,
            ["E2_fake"] = e2Fake,
        };
    }

    /// <summary>
    /// The generation stage (Eq. 7, each player's last term, plus λ·MSE to the paired image): F through R's critic
    /// stream, step opt_F; then R through F's (updated) critic stream, step opt_R. Only the decoders move, so every
    /// other weight (the player's encoder, the whole other player) has requires_grad off meanwhile: gradients still
    /// reach the translation through the critic, but no weight gradient is computed that no optimiser would use.
    /// </summary>
    public IReadOnlyDictionary<string, double> GenerationStep(Tensor source, Tensor target, Tensor? z1, Tensor? z2) =>
        new Dictionary<string, double>
        {
            ["F"] = GenerationStepOf(forward, reverse, optF, source, target, z1, z2), // d(R_c(F(x, z₁), z₂), x) + λ·d(F(x, z₁), y)
            ["R"] = GenerationStepOf(reverse, forward, optR, target, source, z2, z1), // d(F_c(R(y, z₂), z₁), y) + λ·d(R(y, z₂), x)
        };

    /// <summary>One player's half of the generation stage, through the other player's critic stream; returns its loss.</summary>
    private double GenerationStepOf(
        BidirectionalDinoUNet player,
        BidirectionalDinoUNet critic,
        optim.Optimizer optimizer,
        Tensor input,
        Tensor paired,
        Tensor? playerNoise,
        Tensor? criticNoise
    )
    {
        using var idle = RequiresGrad.Off(player.Encoder.parameters().Concat(critic.parameters()));
        var translation = player.call(input, playerNoise);
        var energy = DinoLosses.Energy(critic.Critic(translation, criticNoise), input);
        var loss = DinoLosses.ForwardLoss(energy, translation, paired, Options.ReconstructionWeight, squaredError: true);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.ToDouble();
    }

    /// <summary>Rows of source | target | F(source) | R(target) for the first pairs seen, with fixed private noise.</summary>
    public override Tensor? SampleGrid() =>
        SampleRows(
            (source, target) =>
            {
                using var fixedNoise = new Generator(unchecked((ulong)(Options.Seed + 2)));
                var n = source.size(0);
                var translationF = forward.call(source, SampleNoise(n, fixedNoise));
                var translationR = reverse.call(target, SampleNoise(n, fixedNoise));
                return new[] { translationF, translationR };
            }
        );

    private static IEnumerable<Parameter> CriticParameters(BidirectionalDinoUNet player) =>
        player.Encoder.parameters().Concat(player.TrunkParameters).Concat(player.CriticHead.parameters());

    private Adam Adam(IEnumerable<Parameter> parameters) =>
        torch.optim.Adam(parameters.ToList(), lr: Options.LearningRate, beta1: Options.Beta1, beta2: Options.Beta2);
}

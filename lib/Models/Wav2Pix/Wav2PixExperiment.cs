using Dino.Repro.Data.Loading;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using Dino.Repro.Vision;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Wav2Pix as its ICASSP code trains it: G is the speech encoder, the face generator and the auxiliary identity
/// classifier together (one optimiser); each step updates D once on the real face, the fake and a real face of another
/// speaker, all with the speech embedding (matching-aware), then G once on the adversarial, feature-matching, L1 and
/// identity terms (<see cref="Wav2PixLosses"/>). D's step draws the fake and the embedding without a graph (the
/// reference keeps one and discards G's gradients afterwards: the same update); G's step draws them again. Batches hold <see
/// cref="TalkingHeadData.FaceKey"/>,
/// <see cref="TalkingHeadData.SpeechKey"/>, <see cref="TalkingHeadData.LabelKey"/> and <see cref="TalkingHeadData.WrongFaceKey"/> (see <see
/// cref="MismatchedExamples"/>).
/// </summary>
public sealed class Wav2PixExperiment : Experiment<Wav2PixOptions>, ISpeechToFaceModel
{
    public const string Name = "wav2pix";

    public static ExperimentDefinition<Wav2PixOptions> Definition(Func<Wav2PixOptions, TalkingHeadData> data) =>
        new(
            Name,
            "Wav2Pix (Duarte et al. 2019): speech → face with a matching-aware spectral-normalised D (YouTubers; smoke/cpu: the embedded "
                + "voice-faces)",
            Presets,
            options => new Wav2PixExperiment(options, data(options))
        );

    public static IReadOnlyDictionary<Preset, Func<Wav2PixOptions, Wav2PixOptions>> Presets { get; } =
        new Dictionary<Preset, Func<Wav2PixOptions, Wav2PixOptions>>
        {
            // Pairs, sizes and schedules shared by every speech-to-face model: SpeechToFaceModelOptions.WithPresetSizes.
            [Preset.Smoke] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Smoke),
            [Preset.Cpu] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Cpu),
            // The ICASSP code: 201 epochs of the YouTubers pairs (the thesis' 42,199 faces: ≈ 660 batches of 64 an epoch).
            [Preset.Paper] = o => SpeechToFaceModelOptions.WithPresetSizes(o, Preset.Paper) with { Steps = 132_660 },
        };

    private static readonly string[] Losses = ["D", "G", "adversarial", "feature_matching", "l1", "identity"];

    private readonly Device device;
    private readonly SeganSpeechEncoder encoder;
    private readonly Wav2PixGenerator generator;
    private readonly AuxiliaryIdentityClassifier classifier;
    private readonly Wav2PixDiscriminator discriminator;
    private readonly optim.Optimizer optG,
        optD;
    private readonly IBatchSource data;
    private readonly Tensor sampleFaces,
        sampleSpeech;

    /// <param name="data">The batches, the identity count the auxiliary classifier tells apart, and the sample grid's pairs.</param>
    public Wav2PixExperiment(Wav2PixOptions options, TalkingHeadData data)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = data.Train;
        var identities = data.Identities;
        device = TargetDevice;
        encoder = AddNetwork("E", new SeganSpeechEncoder(options.Samples, options.SpeechChannels));
        generator = AddNetwork("G", new Wav2PixGenerator(SeganSpeechEncoder.EmbeddingSize, options.Width, options.Resolution, options.Dropout));
        classifier = AddNetwork("C", new AuxiliaryIdentityClassifier(identities));
        discriminator = AddNetwork("D", new Wav2PixDiscriminator(SeganSpeechEncoder.EmbeddingSize, options.Width, options.Resolution));
        foreach (var network in Networks.Values)
            network.to(device);
        var gParameters = encoder.parameters().Concat(generator.parameters()).Concat(classifier.parameters());
        optG = AddOptimizer("G", torch.optim.Adam(gParameters, lr: options.LearningRateG, beta1: options.Beta1, beta2: 0.999));
        optD = AddOptimizer("D", torch.optim.Adam(discriminator.parameters(), lr: options.LearningRateD, beta1: options.Beta1, beta2: 0.999));

        var count = Math.Min(options.SampleCount, data.Samples.Size);
        sampleFaces = data.Samples[TalkingHeadData.FaceKey][..count].to(device).DetachFromDisposeScope();
        sampleSpeech = data.Samples[TalkingHeadData.SpeechKey][..count].to(device).DetachFromDisposeScope();
        foreach (var name in data.Samples.Names)
            data.Samples[name].Dispose();
    }

    public SeganSpeechEncoder E => encoder;
    public Wav2PixGenerator G => generator;

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var real = batch[TalkingHeadData.FaceKey].to(device);
        var wrong = batch[TalkingHeadData.WrongFaceKey].to(device);
        var speech = batch[TalkingHeadData.SpeechKey].to(device);
        var speakers = batch[TalkingHeadData.LabelKey].to(device);

        // D: real faces with their speech towards 0.9, fakes and other speakers' faces towards 0.
        Tensor embedding,
            fake;
        using (torch.no_grad())
        {
            embedding = encoder.call(speech);
            fake = generator.call(embedding);
        }
        var (realScores, _) = discriminator.call(real, embedding);
        var (fakeScores, _) = discriminator.call(fake, embedding);
        var (wrongScores, _) = discriminator.call(wrong, embedding);
        var lossD = Wav2PixLosses.Discriminator(realScores, fakeScores, wrongScores);
        optD.zero_grad();
        lossD.backward();
        optD.step();

        // G (encoder, generator, classifier), drawn again as the reference does (new dropout masks), through the updated D.
        embedding = encoder.call(speech);
        fake = generator.call(embedding);
        var (scores, fakeFeatures) = discriminator.call(fake, embedding);
        var (_, realFeatures) = discriminator.call(real, embedding);
        var (lossG, terms) = Wav2PixLosses.Generator(
            scores,
            fakeFeatures,
            realFeatures,
            fake,
            real,
            classifier.call(embedding),
            speakers,
            Options.LossWeights
        );
        optG.zero_grad();
        lossG.backward();
        optG.step();

        var losses = new Dictionary<string, double> { ["D"] = lossD.ToDouble(), ["G"] = lossG.ToDouble() };
        foreach (var (name, value) in terms)
            losses[name] = value;
        return losses;
    }

    /// <summary>Faces from speech alone (Wav2Pix has no z: in eval mode, without dropout, one face per utterance).</summary>
    public Tensor DrawFaces(Tensor speakers, Tensor speech, Generator noise) => FacesOf(speech);

    /// <summary>Real faces above the faces generated from their speech, in eval mode (dropout off, running statistics).</summary>
    public override Tensor? SampleGrid()
    {
        using var fakes = FacesOf(sampleSpeech);
        using var both = torch.cat([sampleFaces, fakes]);
        return SampleGrids.Tile(both, (int)sampleFaces.size(0));
    }

    private Tensor FacesOf(Tensor speech)
    {
        ArgumentNullException.ThrowIfNull(speech);
        using var _ = torch.no_grad();
        var input = speech.to(device);
        return EvalMode.Run(() => generator.call(encoder.call(input)), encoder, generator);
    }

    protected override void Dispose(bool disposing)
    {
        sampleFaces.Dispose();
        sampleSpeech.Dispose();
    }
}

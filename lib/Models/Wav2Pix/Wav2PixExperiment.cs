using Dino.Repro.Data.Loading;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// Wav2Pix as its ICASSP code trains it: G is the speech encoder, the face generator and the auxiliary identity
/// classifier together (one optimiser); each step updates D once on the real face, the fake and a real face of another
/// speaker, all with the speech embedding (matching-aware), then G once on the adversarial, feature-matching, L1 and
/// identity terms (<see cref="Wav2PixLosses"/>). D's step draws the fake and the embedding without a graph (the
/// reference keeps one and discards G's gradients afterwards: the same update); G's step draws them again. Batches hold <see cref="FaceKey"/>,
/// <see cref="SpeechKey"/>, <see cref="LabelKey"/> and <see cref="WrongFaceKey"/> (see <see cref="MismatchedExamples"/>).
/// </summary>
public sealed class Wav2PixExperiment : Experiment<Wav2PixOptions>
{
    public const string Name = "wav2pix";

    public const string FaceKey = "face",
        SpeechKey = "speech",
        LabelKey = "label",
        WrongFaceKey = "wrong_face";

    private static readonly string[] Losses = ["D", "G", "adversarial", "feature_matching", "l1", "identity"];

    private readonly Device device;
    private readonly SeganSpeechEncoder encoder;
    private readonly Wav2PixGenerator generator;
    private readonly AuxiliaryIdentityClassifier classifier;
    private readonly Wav2PixDiscriminator discriminator;
    private readonly optim.Optimizer optG,
        optD;
    private readonly IBatchSource data;

    /// <param name="identities">Speakers the auxiliary classifier tells apart (labels 0 … identities − 1).</param>
    public Wav2PixExperiment(Wav2PixOptions options, IBatchSource data, int identities)
        : base(options)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
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
    }

    public override IReadOnlyList<string> LossNames => Losses;
    public override IBatchSource Data => data;

    public override IReadOnlyDictionary<string, double> Step(Batch batch)
    {
        var real = batch[FaceKey].to(device);
        var wrong = batch[WrongFaceKey].to(device);
        var speech = batch[SpeechKey].to(device);
        var speakers = batch[LabelKey].to(device);

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
}

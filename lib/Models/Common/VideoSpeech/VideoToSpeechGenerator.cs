using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// DINO's Forward network F for video-to-speech (paper §4.2, A.1.2): the mouth video through <see cref="MouthVideoEncoder"/>,
/// a one-layer GRU over the frames' embeddings, and <see cref="AudioChunkDecoder"/> on each hidden state; the frames'
/// samples are concatenated without overlap. The baselines' generators (conditional WaveGAN, CycleGAN's G_AB, the
/// Perceptual GAN) use the same network.
/// </summary>
public sealed class VideoToSpeechGenerator : nn.Module<Tensor, Tensor>
{
    private readonly MouthVideoEncoder encoder;
    private readonly GRU gru;
    private readonly AudioChunkDecoder decoder;

    public VideoToSpeechGenerator(VideoSpeechSizes sizes)
        : base(nameof(VideoToSpeechGenerator))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var problems = sizes.Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(sizes));
        Sizes = sizes;
        encoder = new MouthVideoEncoder(sizes);
        gru = nn.GRU(sizes.Embedding, sizes.ForwardHidden, numLayers: 1, batchFirst: true);
        decoder = new AudioChunkDecoder(sizes);
        RegisterComponents();
    }

    public VideoSpeechSizes Sizes { get; }

    public AudioChunkDecoder Decoder => decoder;

    /// <param name="video">Mouth crops [B, C, T, S, S] in [−1, 1].</param>
    /// <returns>Speech [B, T · samples per frame] in [−1, 1].</returns>
    public override Tensor forward(Tensor video)
    {
        using var scope = torch.NewDisposeScope();
        var embeddings = encoder.call(video); // [B, T, E]
        var (states, _) = gru.call(embeddings); // [B, T, H]
        var (batch, frames) = (states.size(0), states.size(1));
        var samples = decoder.call(states.reshape(batch * frames, -1)); // [B·T, L]
        return samples.reshape(batch, frames * Sizes.SamplesPerFrame).MoveToOuterDisposeScope();
    }
}

using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// The speech encoder of direct speech-to-image translation (Li et al. 2020; reference <c>speech_encoder.CNNRNN</c>):
/// batch norm on the log-mel input, a (bands × 1) convolution collapsing frequency, time convolutions without bias, each
/// with batch norm and ReLU — 64 k3; max pool; 128 k17 s2; 256 k13 s2; 256 k3; 512 k9 s2; max pool; 512 k3; 1024 k5 s2 —
/// so 2,048 frames become 32 steps; a one-layer bidirectional LSTM over the steps of each utterance's length (packed),
/// and the utterance embedding = the outputs summed over its steps divided by all 32 (the reference's mean over the
/// padded sequence). Channels scale with <c>width</c> (the cpu preset's quarter). The reference's dropout 0.5 sits on a
/// one-layer LSTM, where PyTorch applies none; the kit has none.
/// </summary>
public sealed class SpeechEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Input frames per output step: the strides multiply to 64.</summary>
    public const int FramesPerStep = 64;

    private static readonly (int Channels, int Kernel, int Stride, bool PoolBefore)[] TimeLayers =
    [
        (64, 3, 1, false),
        (128, 17, 2, true),
        (256, 13, 2, false),
        (256, 3, 1, false),
        (512, 9, 2, false),
        (512, 3, 1, true),
        (1024, 5, 2, false),
    ];

    private readonly Sequential convolutions;
    private readonly LSTM lstm;

    /// <param name="bands">Mel bands of the input (40).</param>
    /// <param name="width">Channel scale: 1 is the reference's, 0.25 a quarter.</param>
    public SpeechEncoder(int bands = 40, double width = 1)
        : base(nameof(SpeechEncoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        if (!(width > 0 && width <= 4))
            throw new ArgumentOutOfRangeException(nameof(width), width, "the channel scale lies in (0, 4]");
        Bands = bands;
        int Scaled(int channels) => Math.Max(2, (int)Math.Round(channels * width / 2) * 2); // even, for two LSTM directions
        var first = Scaled(64);
        convolutions = nn.Sequential(nn.BatchNorm2d(1), nn.Conv2d(1, first, (bands, 1), bias: false), nn.BatchNorm2d(first), nn.ReLU());
        var previous = first;
        foreach (var (channels, kernel, stride, poolBefore) in TimeLayers)
        {
            if (poolBefore)
                convolutions.append(nn.MaxPool2d((1, 3), stride: (1, 2), padding: (0, 1)));
            var c = Scaled(channels);
            convolutions.append(nn.Conv2d(previous, c, (1, kernel), stride: (1, stride), padding: (0, kernel / 2), bias: false));
            convolutions.append(nn.BatchNorm2d(c));
            convolutions.append(nn.ReLU());
            previous = c;
        }
        Embedding = previous;
        lstm = nn.LSTM(previous, previous / 2, batchFirst: true, bidirectional: true);
        RegisterComponents();
    }

    public int Bands { get; }

    /// <summary>The utterance embedding's size (1024 at full width).</summary>
    public int Embedding { get; }

    /// <param name="features">Log-mel frames [B, bands, L], L a multiple of 64 (2,048 in the paper).</param>
    /// <param name="steps">Each utterance's length in output steps [B] (its frames / 64, at least 1).</param>
    /// <returns>The utterance embeddings [B, embedding].</returns>
    public override Tensor forward(Tensor features, Tensor steps)
    {
        using var scope = torch.NewDisposeScope();
        var (perStep, total) = Steps(features, steps);
        return perStep.sum(1).div(Scalars.Of(total)).MoveToOuterDisposeScope();
    }

    /// <summary>The LSTM's output at every step [B, L / 64, embedding], zero past each utterance's length.</summary>
    public (Tensor PerStep, long Total) Steps(Tensor features, Tensor steps)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(steps);
        if (features.dim() != 3 || features.size(1) != Bands || features.size(2) % FramesPerStep != 0)
            throw new ArgumentException(
                $"the speech encoder takes log-mel frames [B, {Bands}, L] with L a multiple of {FramesPerStep}, "
                    + $"got [{string.Join(", ", features.shape)}]"
            );
        var total = features.size(2) / FramesPerStep;
        var lengths = steps.to(ScalarType.Int64).cpu();
        if (!lengths.shape.SequenceEqual([features.size(0)]) || lengths.min().item<long>() < 1 || lengths.max().item<long>() > total)
            throw new ArgumentException($"steps must give each of the {features.size(0)} utterances a length in 1..{total}");
        using var scope = torch.NewDisposeScope();
        var codes = convolutions.call(features.unsqueeze(1)).squeeze(2).transpose(1, 2); // [B, steps, C]
        var packed = nn.utils.rnn.pack_padded_sequence(codes, lengths, batch_first: true, enforce_sorted: false);
        var (output, _, _) = lstm.call(packed);
        var (padded, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: total);
        return (padded.MoveToOuterDisposeScope(), total);
    }
}

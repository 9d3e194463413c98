using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// Wav2Pix's speech encoder: SEGAN's discriminator used as an embedder (Duarte et al., ICASSP 2019; the thesis uses the
/// same design). Six blocks — zero padding of (k/2 − 1) on the left and k/2 on the right, a Conv1d of kernel 15 and
/// stride 4 (with bias), BatchNorm1d, LeakyReLU 0.3 — then the flattened maps through Linear → 256, ReLU, Linear → 128,
/// ReLU, Linear → 128: the embedding. At 1 s of 16 kHz audio and the ICASSP channels (16, 32, 128, 256, 512, 1024) the
/// blocks leave 4000, 1000, 250, 63, 16 and 4 samples, so the first dense layer reads 4 × 1024 = 4096 values. The
/// reference sizes that layer as the power of two nearest a quarter of the input length (a shortcut that holds at 1 s and
/// 4 s); the kit computes the flattened size exactly, which gives the same layer at both.
/// </summary>
public sealed class SeganSpeechEncoder : nn.Module<Tensor, Tensor>
{
    /// <summary>The ICASSP code's channels; the thesis used 64, 128, 256, 512, 1024, 1024.</summary>
    public static IReadOnlyList<int> IcasspChannels { get; } = [16, 32, 128, 256, 512, 1024];

    public const int Kernel = 15,
        Stride = 4,
        EmbeddingSize = 128;

    public const double Slope = 0.3;

    private readonly ModuleList<Conv1d> convs;
    private readonly ModuleList<BatchNorm1d> norms;
    private readonly Sequential dense;

    /// <param name="samples">Waveform length it encodes (16,000: 1 s at 16 kHz).</param>
    /// <param name="channels">Each block's output channels (default <see cref="IcasspChannels"/>).</param>
    /// <param name="inputChannels">Channels of the input: 1 for a waveform; the bands of a spectrogram fed frame by frame.</param>
    public SeganSpeechEncoder(int samples, IReadOnlyList<int>? channels = null, int inputChannels = 1)
        : base(nameof(SeganSpeechEncoder))
    {
        channels ??= IcasspChannels;
        if (channels.Count == 0 || channels.Any(c => c < 1))
            throw new ArgumentException($"channels must be positive, got [{string.Join(", ", channels)}]", nameof(channels));
        Samples = samples;
        BlockLengths = LengthsAfterBlocks(samples, channels.Count);
        if (BlockLengths[^1] < 1)
            throw new ArgumentException($"{samples} samples are too few for {channels.Count} stride-{Stride} blocks", nameof(samples));
        convs = new ModuleList<Conv1d>();
        norms = new ModuleList<BatchNorm1d>();
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        InputChannels = inputChannels;
        var previous = (long)inputChannels;
        foreach (var c in channels)
        {
            convs.append(torch.nn.Conv1d(previous, c, Kernel, stride: Stride));
            norms.append(torch.nn.BatchNorm1d(c));
            previous = c;
        }
        Flattened = channels[^1] * BlockLengths[^1];
        dense = torch.nn.Sequential(
            torch.nn.Linear(Flattened, 256),
            torch.nn.ReLU(),
            torch.nn.Linear(256, 128),
            torch.nn.ReLU(),
            torch.nn.Linear(128, EmbeddingSize)
        );
        RegisterComponents();
    }

    /// <summary>The waveform length it takes (frames, for a spectrogram).</summary>
    public int Samples { get; }

    /// <summary>Channels of its input (1: a waveform).</summary>
    public int InputChannels { get; }

    /// <summary>Samples left after each block.</summary>
    public IReadOnlyList<long> BlockLengths { get; }

    /// <summary>Values the first dense layer reads (last channels × last length).</summary>
    public long Flattened { get; }

    /// <summary>
    /// Each block's output length: ⌊(L + 13 − 15) / 4⌋ + 1 with the (6, 7) padding; 0 once the padded input is shorter than the kernel.
    /// </summary>
    public static IReadOnlyList<long> LengthsAfterBlocks(long samples, int blocks)
    {
        var lengths = new List<long>();
        var length = samples;
        for (var i = 0; i < blocks; i++)
        {
            var padded = length + (Kernel / 2 - 1) + Kernel / 2;
            length = padded < Kernel ? 0 : (padded - Kernel) / Stride + 1; // a padded input shorter than the kernel yields nothing
            lengths.Add(length);
        }
        return lengths;
    }

    /// <summary>waveforms [B, samples] (or [B, 1, samples]; spectrograms [B, channels, frames]) → embeddings [B, 128].</summary>
    public override Tensor forward(Tensor waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        var channelled = waveforms.dim() == 3 && waveforms.size(1) == InputChannels;
        var bare = waveforms.dim() == 2 && InputChannels == 1;
        if (!(bare || channelled) || waveforms.size(-1) != Samples)
            throw new ArgumentException(
                $"the speech encoder takes [B, {InputChannels}, {Samples}]{(InputChannels == 1 ? $" or [B, {Samples}]" : "")}, got "
                    + $"[{string.Join(", ", waveforms.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var h = channelled ? waveforms : waveforms.unsqueeze(1);
        for (var i = 0; i < convs.Count; i++)
            h = Block(h, i);
        return dense.call(h.flatten(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Block <paramref name="index"/> alone (pad, convolve, normalise, activate), for inspection and tests.</summary>
    public Tensor Block(Tensor input, int index)
    {
        using var scope = torch.NewDisposeScope();
        var padded = torch.nn.functional.pad(input, [Kernel / 2 - 1, Kernel / 2]);
        var h = norms[index].call(convs[index].call(padded));
        return torch.nn.functional.leaky_relu(h, Slope).MoveToOuterDisposeScope();
    }
}

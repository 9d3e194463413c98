using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// WaveGAN's discriminator on raw audio (Donahue et al. 2019), the audio critic of the video-to-speech baselines: five
/// Conv1d of kernel 25 and stride 4 (padding 11), channels d, 2d, 4d, 8d, 16d, each followed by LeakyReLU 0.2 and, but
/// the last, phase shuffle of radius 2; a linear layer on the flattened maps gives one score. Optional condition channels
/// (e.g. the video's per-frame embedding spread over the samples) are stacked on the waveform, as the conditional
/// WaveGAN baseline concatenates its condition. No normalisation: WGAN-GP penalises each example's gradient.
/// </summary>
public sealed class WaveDiscriminator : nn.Module<Tensor, Tensor?, Tensor>
{
    public const int Kernel = 25,
        Stride = 4,
        Padding = 11,
        Blocks = 5,
        ShuffleRadius = 2;

    private readonly ModuleList<Conv1d> convs;
    private readonly PhaseShuffle shuffle;
    private readonly Linear score;
    private readonly int conditionChannels;

    /// <param name="samples">Waveform length it judges.</param>
    /// <param name="width">d, the first block's channels (WaveGAN's 64).</param>
    /// <param name="conditionChannels">Channels stacked on the waveform (0: unconditional).</param>
    public WaveDiscriminator(int samples, int width = 64, int conditionChannels = 0)
        : base(nameof(WaveDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(conditionChannels);
        this.conditionChannels = conditionChannels;
        Samples = samples;
        var length = (long)samples;
        convs = new ModuleList<Conv1d>();
        var previous = 1L + conditionChannels;
        for (var i = 0; i < Blocks; i++)
        {
            var channels = (long)width << i;
            convs.append(nn.Conv1d(previous, channels, Kernel, stride: Stride, padding: Padding));
            previous = channels;
            // PyTorch's output length; none once the padded input is shorter than the kernel.
            length = length + 2 * Padding < Kernel ? 0 : (length + 2 * Padding - Kernel) / Stride + 1;
            if (length < 1)
                throw new ArgumentException($"{samples} samples are too few for {Blocks} stride-{Stride} blocks", nameof(samples));
        }
        shuffle = new PhaseShuffle(ShuffleRadius);
        score = nn.Linear(previous * length, 1);
        RegisterComponents();
    }

    public int Samples { get; }

    /// <param name="audio">[B, L] in [−1, 1].</param>
    /// <param name="condition">[B, condition channels, L], or null when unconditional.</param>
    /// <returns>One score per example [B].</returns>
    public override Tensor forward(Tensor audio, Tensor? condition)
    {
        if (audio.dim() != 2 || audio.size(1) != Samples)
            throw new ArgumentException($"the wave discriminator takes [B, {Samples}], got [{string.Join(", ", audio.shape)}]");
        if (
            (condition is null) != (conditionChannels == 0)
            || (condition is not null && !condition.shape.SequenceEqual([audio.size(0), conditionChannels, (long)Samples]))
        )
            throw new ArgumentException(
                $"the wave discriminator takes a condition of [B, {conditionChannels}, {Samples}]{(conditionChannels == 0 ? " (none)" : "")}, got "
                    + (condition is null ? "none" : $"[{string.Join(", ", condition.shape)}]")
            );
        using var scope = torch.NewDisposeScope();
        var x = condition is null ? audio.unsqueeze(1) : torch.cat([audio.unsqueeze(1), condition], 1);
        for (var i = 0; i < convs.Count; i++)
        {
            x = nn.functional.leaky_relu(convs[i].call(x), 0.2);
            if (i < convs.Count - 1)
                x = shuffle.call(x);
        }
        return score.call(x.flatten(1)).squeeze(1).MoveToOuterDisposeScope();
    }
}

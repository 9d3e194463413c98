using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The Forward network's audio decoder: fully convolutional, it turns one hidden state into the frame's samples (640 at
/// 16 kHz and 25 fps; DINO A.1.2). A transposed convolution spreads the state over L/64 positions, three transposed
/// convolutions of kernel 8 and stride 4 (batch norm and ReLU between) reach L, with SAGAN's 1-D self-attention before the
/// last, which ends in Tanh. Channels halve at each upsampling.
/// </summary>
public sealed class AudioChunkDecoder : nn.Module<Tensor, Tensor>
{
    public const int Upsampling = 4,
        Stages = 3;

    private readonly Sequential body;
    private readonly SelfAttention1d attention;
    private readonly ConvTranspose1d last;
    private readonly int input;

    public AudioChunkDecoder(VideoSpeechSizes sizes)
        : base(nameof(AudioChunkDecoder))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        input = sizes.ForwardHidden;
        SamplesPerFrame = sizes.SamplesPerFrame;
        var start = sizes.SamplesPerFrame / 64;
        var w = sizes.DecoderWidth;
        body = nn.Sequential(
            nn.ConvTranspose1d(input, w, start, bias: false),
            nn.BatchNorm1d(w),
            nn.ReLU(),
            nn.ConvTranspose1d(w, w / 2, 2 * Upsampling, stride: Upsampling, padding: Upsampling / 2, bias: false),
            nn.BatchNorm1d(w / 2),
            nn.ReLU(),
            nn.ConvTranspose1d(w / 2, w / 4, 2 * Upsampling, stride: Upsampling, padding: Upsampling / 2, bias: false),
            nn.BatchNorm1d(w / 4),
            nn.ReLU()
        );
        attention = new SelfAttention1d(w / 4);
        last = nn.ConvTranspose1d(w / 4, 1, 2 * Upsampling, stride: Upsampling, padding: Upsampling / 2);
        RegisterComponents();
    }

    public int SamplesPerFrame { get; }

    /// <summary>The self-attention before the last layer (its γ starts at 0).</summary>
    public SelfAttention1d Attention => attention;

    /// <param name="hidden">One state per frame, [N, H].</param>
    /// <returns>The frames' samples [N, L] in [−1, 1].</returns>
    public override Tensor forward(Tensor hidden)
    {
        if (hidden.dim() != 2 || hidden.size(1) != input)
            throw new ArgumentException($"the audio decoder takes [N, {input}], got [{string.Join(", ", hidden.shape)}]");
        using var scope = torch.NewDisposeScope();
        var x = attention.call(body.call(hidden.unsqueeze(2)));
        return last.call(x).tanh().squeeze(1).MoveToOuterDisposeScope();
    }
}

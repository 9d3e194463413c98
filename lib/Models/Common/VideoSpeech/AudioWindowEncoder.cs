using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The Reverse network's audio encoder, one code per frame's window (speech-driven-animation's, which DINO's Reverse
/// network follows): a first Conv1d of kernel 5 ms at a stride of 1 ms, then kernel-4 stride-2 blocks while more than 4
/// positions remain, each with batch norm and ReLU, channels doubling from 16; a last valid convolution and Tanh.
/// </summary>
public sealed class AudioWindowEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly int window;

    public AudioWindowEncoder(VideoSpeechSizes sizes)
        : base(nameof(AudioWindowEncoder))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        window = sizes.WindowSamples;
        var kernel = sizes.SampleRate / 200;
        var stride = sizes.SampleRate / 1000;
        var padding = (kernel - stride) / 2;
        var length = (window + 2 * padding - kernel) / stride + 1;
        var blocks = 0;
        for (var l = length; l > 4; l = l / 2)
            blocks++;
        var channels = VideoSpeechSizes.Doubling(sizes.AudioWidth, blocks + 1);
        body = nn.Sequential(
            nn.Conv1d(1, channels[0], kernel, stride: stride, padding: padding, bias: false),
            nn.BatchNorm1d(channels[0]),
            nn.ReLU()
        );
        for (var i = 1; i <= blocks; i++)
        {
            body.append(nn.Conv1d(channels[i - 1], channels[i], 4, stride: 2, padding: 1, bias: false));
            body.append(nn.BatchNorm1d(channels[i]));
            body.append(nn.ReLU());
            length /= 2;
        }
        body.append(nn.Conv1d(channels[blocks], sizes.AudioCode, length));
        body.append(nn.Tanh());
        RegisterComponents();
    }

    /// <param name="windows">[N, W] samples.</param>
    /// <returns>[N, code] in [−1, 1].</returns>
    public override Tensor forward(Tensor windows)
    {
        if (windows.dim() != 2 || windows.size(1) != window)
            throw new ArgumentException($"the audio encoder takes windows [N, {window}], got [{string.Join(", ", windows.shape)}]");
        using var scope = torch.NewDisposeScope();
        return body.call(windows.unsqueeze(1)).flatten(1).MoveToOuterDisposeScope();
    }
}

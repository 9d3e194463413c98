using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Listen and Move's generator G (Redondo 2023 §3; reference <c>GenNet</c> with the residual 2-D <c>Generator</c>): per
/// frame, motion noise e ~ U[0, 1) and (by <see cref="SoundRoute"/>) the sound descriptor f pass the
/// <see cref="DilatedMotionEncoder"/>; the latent z (its output, plus f when sound also goes straight in) is drawn by a
/// <see cref="FormatLayer"/> and <see cref="ResidualGenerativeBlock"/>s, each after a nearest ×2 upsampling, with batch
/// norm or the audio-conditional instance norm, an optional <see cref="VideoPredictor"/> on the last layer's maps, and a
/// 1×1 toRGB with tanh. Convolution and linear weights start N(0, 0.02) — also the video predictor's, whose orthogonal
/// initialisation the reference overwrites — noise weights 0, GRU cells PyTorch's default.
/// </summary>
public sealed class SoundToVideoGenerator : nn.Module<Tensor, Tensor>
{
    private readonly DilatedMotionEncoder motion;
    private readonly FormatLayer format;
    private readonly ModuleList<ResidualGenerativeBlock> blocks = new();
    private readonly ModuleList<Sequential> conditions = new();
    private readonly VideoPredictor? predictor;
    private readonly Conv2d toRgb;

    /// <param name="batch">The batch whose recurrent states are carried from clip to clip (Listen and Move's 1).</param>
    public SoundToVideoGenerator(SoundToVideoArchitecture architecture, int batch = 1)
        : base(nameof(SoundToVideoGenerator))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        var a = architecture;
        motion = new DilatedMotionEncoder(a.MotionSize, a.MotionLayers, batch: batch);
        format = new FormatLayer(a.LatentSize, a.Channels(0));
        for (var l = 0; l < a.GenerativeLayers; l++)
        {
            blocks.Add(new ResidualGenerativeBlock(a.Channels(l), a.Channels(l + 1), a.AudioConditionalNorm));
            if (a.AudioConditionalNorm)
                conditions.Add(nn.Sequential(nn.Linear(a.SoundFeatures, 2 * a.Channels(l + 1)), nn.LeakyReLU(0.2)));
        }
        var last = a.Channels(a.GenerativeLayers);
        if (a.VideoPrediction != VideoPredictionKind.None)
            predictor = new VideoPredictor(last, a.ImageSize, a.PredictionKernel, a.VideoPrediction == VideoPredictionKind.Directional, batch);
        toRgb = nn.Conv2d(last, 3, 1);
        RegisterComponents();
        WeightInit.Normal(this);
    }

    public SoundToVideoArchitecture Architecture { get; }

    /// <summary>Forgets every carried recurrent state of the current mode (a new pass over the video, or a new clip).</summary>
    public void Reset()
    {
        motion.Reset();
        predictor?.Reset();
    }

    /// <summary>
    /// One clip drawn for showing: from fresh evaluation states, in eval mode, without gradients, its noise from
    /// <paramref name="seed"/> — the caller's random numbers, the training states and the mode are left as they were.
    /// </summary>
    /// <param name="features">The clip's descriptors [T, F].</param>
    /// <returns>Frames [T, 3, S, S] in [−1, 1] on the CPU.</returns>
    public Tensor DrawClip(Tensor features, long seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        var device = parameters().First().device;
        return SeededDefaultGenerator.Run(seed, () => EvalMode.Run(
                () =>
                {
                    using var _ = torch.no_grad();
                    Reset();
                    return call(features.unsqueeze(0).to(device))[0].cpu();
                },
                this
            ));
    }

    /// <param name="features">Sound descriptors [B, T, F], one per frame.</param>
    /// <returns>Frames [B, T, 3, S, S] in [−1, 1].</returns>
    public override Tensor forward(Tensor features)
    {
        var a = Architecture;
        if (features.dim() != 3 || features.size(2) != a.SoundFeatures)
            throw new ArgumentException(
                $"the generator takes sound descriptors [B, T, {a.SoundFeatures}], got [{string.Join(", ", features.shape)}]"
            );
        var (batch, frames) = (features.size(0), features.size(1));
        using var scope = torch.NewDisposeScope();
        var noise = torch.rand([batch, frames, a.MotionNoise], features.dtype, features.device);
        var latent = a.Route switch
        {
            SoundRoute.Rnn => motion.call(torch.cat([noise, features], 2)),
            SoundRoute.Gen => torch.cat([motion.call(noise), features], 2),
            _ => torch.cat([motion.call(torch.cat([noise, features], 2)), features], 2),
        };
        var perFrame = features.reshape(batch * frames, -1);
        var x = format.call(latent.reshape(batch * frames, -1));
        for (var l = 0; l < blocks.Count; l++)
        {
            x = nn.functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Nearest);
            x = blocks[l].call(x, a.AudioConditionalNorm ? conditions[l].call(perFrame) : null);
        }
        if (predictor is not null)
            x = predictor.call(x.unflatten(0, [batch, frames])).flatten(0, 1);
        var rgb = toRgb.call(x).tanh();
        return rgb.unflatten(0, [batch, frames]).MoveToOuterDisposeScope();
    }
}

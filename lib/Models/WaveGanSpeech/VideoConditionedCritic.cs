using Dino.Repro.Models.Common.VideoSpeech;

namespace Dino.Repro.Models.WaveGanSpeech;

/// <summary>
/// The conditional WaveGAN's critic: its own video encoder gives each frame a code, spread over that frame's samples and
/// stacked on the waveform as channels, and WaveGAN's discriminator scores the whole (the condition concatenated, as the
/// baseline is described). No batch norm anywhere, so WGAN-GP's per-example penalty holds.
/// </summary>
public sealed class VideoConditionedCritic : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly MouthVideoEncoder video;
    private readonly WaveDiscriminator wave;
    private readonly int samplesPerFrame;

    public VideoConditionedCritic(VideoSpeechSizes sizes, int frames, int width, int conditionChannels)
        : base(nameof(VideoConditionedCritic))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        samplesPerFrame = sizes.SamplesPerFrame;
        video = new MouthVideoEncoder(sizes with { VideoWidth = Math.Max(1, width / 4), Embedding = conditionChannels }, normalise: false);
        wave = new WaveDiscriminator(frames * sizes.SamplesPerFrame, width, conditionChannels);
        RegisterComponents();
    }

    /// <summary>The condition [B, C, T · samples per frame] of a video [B, channels, T, S, S].</summary>
    public Tensor Condition(Tensor clip)
    {
        using var scope = torch.NewDisposeScope();
        var codes = video.call(clip); // [B, T, C]
        return codes.permute(0, 2, 1).repeat_interleave(samplesPerFrame, 2).MoveToOuterDisposeScope();
    }

    /// <param name="audio">[B, T · samples per frame].</param>
    /// <param name="condition">From <see cref="Condition"/>.</param>
    /// <returns>Scores [B].</returns>
    public override Tensor forward(Tensor audio, Tensor condition) => wave.call(audio, condition);
}

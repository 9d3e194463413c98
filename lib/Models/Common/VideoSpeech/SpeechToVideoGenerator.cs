using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// DINO's Reverse network R for video-to-speech (paper §4.2, A.1.2): it draws the mouth video from the speech and the
/// clip's first frame. <see cref="AudioWindowEncoder"/> on each frame's <see cref="AudioWindows"/>, a two-layer GRU over the
/// frames' codes, <see cref="IdentityEncoder"/> on the first frame, and <see cref="FrameDecoder"/> on each frame's state,
/// identity code and noise, with U-Net skips from the identity encoder. CycleGAN's G_BA uses the same network.
/// </summary>
public sealed class SpeechToVideoGenerator : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly AudioWindowEncoder audioEncoder;
    private readonly GRU gru;
    private readonly IdentityEncoder identityEncoder;
    private readonly FrameDecoder decoder;

    public SpeechToVideoGenerator(VideoSpeechSizes sizes)
        : base(nameof(SpeechToVideoGenerator))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var problems = sizes.Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(sizes));
        Sizes = sizes;
        audioEncoder = new AudioWindowEncoder(sizes);
        gru = nn.GRU(sizes.AudioCode, sizes.ReverseHidden, numLayers: 2, batchFirst: true);
        identityEncoder = new IdentityEncoder(sizes);
        decoder = new FrameDecoder(sizes, identityEncoder.MapChannels, identityEncoder.Sides);
        RegisterComponents();
    }

    public VideoSpeechSizes Sizes { get; }

    /// <summary>Per-frame noise [B, T, noise] drawn from N(0, 0.33²) with <paramref name="generator"/>.</summary>
    public Tensor DrawNoise(long batch, long frames, Generator? generator = null)
    {
        using var scope = torch.NewDisposeScope();
        var noise = torch.randn([batch, frames, Sizes.Noise], generator: generator).mul(Scalars.Of(VideoSpeechSizes.NoiseStd));
        return noise.MoveToOuterDisposeScope();
    }

    /// <param name="audio">Speech [B, T · samples per frame] in [−1, 1].</param>
    /// <param name="firstFrame">The clip's first frame [B, C, S, S] in [−1, 1].</param>
    /// <param name="noise">Per-frame noise [B, T, noise] (<see cref="DrawNoise"/>).</param>
    /// <returns>The video [B, C, T, S, S] in [−1, 1].</returns>
    public override Tensor forward(Tensor audio, Tensor firstFrame, Tensor noise)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(noise);
        if (audio.dim() != 2 || audio.size(1) % Sizes.SamplesPerFrame != 0)
            throw new ArgumentException($"speech must be [B, T · {Sizes.SamplesPerFrame}] (whole frames), got [{string.Join(", ", audio.shape)}]");
        var (batch, frames) = (audio.size(0), audio.size(1) / Sizes.SamplesPerFrame);
        if (!noise.shape.SequenceEqual([batch, frames, (long)Sizes.Noise]))
            throw new ArgumentException($"noise must be [{batch}, {frames}, {Sizes.Noise}], got [{string.Join(", ", noise.shape)}]");
        using var scope = torch.NewDisposeScope();
        var windows = AudioWindows.Of(audio, (int)frames, Sizes.SamplesPerFrame, Sizes.WindowSamples); // [B, T, W]
        var codes = audioEncoder.call(windows.reshape(batch * frames, -1)).reshape(batch, frames, -1);
        var (states, _) = gru.call(codes); // [B, T, H]
        var (identity, maps) = identityEncoder.call(firstFrame);
        var perFrame = torch.cat([states, identity.unsqueeze(1).expand(-1, frames, -1), noise.to(states.device)], 2).reshape(batch * frames, -1);
        var skips = maps.Select(m => m.repeat_interleave(frames, 0)).ToArray(); // row b·T + t: clip b's maps
        var drawn = decoder.call(perFrame, skips); // [B·T, C, S, S]
        return drawn
            .reshape(batch, frames, Sizes.Channels, Sizes.FrameSize, Sizes.FrameSize)
            .permute(0, 2, 1, 3, 4)
            .contiguous()
            .MoveToOuterDisposeScope();
    }
}

using Dino.Repro.Vision;

namespace Dino.Repro.Data.SoundVideo;

/// <summary>T consecutive frames and their sound descriptors: features [T, bands], frames float [T, 3, S, S] in [-1, 1].</summary>
public sealed record SoundVideoClip(Tensor Features, Tensor Frames) : IDisposable
{
    public void Dispose()
    {
        Features.Dispose();
        Frames.Dispose();
    }
}

/// <summary>
/// One split of a sound-to-video clip: frames uint8 [N, S, S, 3] with one sound descriptor each ([N, bands]), cut into
/// non-overlapping clips of T frames. As in Listen and Move's loader, a pass over the split starts at an offset in
/// [0, T) (0 on the first pass, random afterwards, so clip borders move between passes) and holds ⌊N/T⌋ − 1 clips,
/// which keeps the last clip inside the split whatever the offset.
/// </summary>
public sealed class SoundVideoSequence : IDisposable
{
    public SoundVideoSequence(Tensor frames, Tensor features, int clipLength)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(clipLength, 1);
        if (frames.dim() != 4 || frames.dtype != ScalarType.Byte || frames.size(3) != 3)
            throw new ArgumentException(
                $"frames are uint8 [N,H,W,3], got {frames.dtype.TorchName()} [{string.Join(",", frames.shape)}]",
                nameof(frames)
            );
        if (features.dim() != 2 || features.size(0) != frames.size(0))
            throw new ArgumentException(
                $"one descriptor per frame: {frames.size(0)} frames but features [{string.Join(",", features.shape)}]",
                nameof(features)
            );
        Frames = frames;
        Features = features;
        ClipLength = clipLength;
    }

    /// <summary>uint8 [N, S, S, 3] RGB frames.</summary>
    public Tensor Frames { get; }

    /// <summary>float32 [N, bands] sound descriptors, row k for frame k.</summary>
    public Tensor Features { get; }

    public int ClipLength { get; }
    public long Length => Frames.size(0);

    /// <summary>Clips per pass: ⌊N/T⌋ − 1 (never negative).</summary>
    public long ClipCount => Math.Max(0, Length / ClipLength - 1);

    /// <summary>The first frame of clip <paramref name="index"/> in a pass starting at <paramref name="offset"/>.</summary>
    public long ClipStart(long index, int offset)
    {
        if (offset < 0 || offset >= ClipLength)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"a pass offset lies in [0, {ClipLength})");
        if (index < 0 || index >= ClipCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"this split of {Length} frames holds {ClipCount} clips of {ClipLength}");
        return index * ClipLength + offset;
    }

    /// <summary>Clip <paramref name="index"/> of a pass starting at <paramref name="offset"/>.</summary>
    public SoundVideoClip Clip(long index, int offset = 0)
    {
        var start = ClipStart(index, offset);
        using var scope = torch.NewDisposeScope();
        var features = Features.narrow(0, start, ClipLength).contiguous();
        var frames = ImageTensor.ToChw(Frames.narrow(0, start, ClipLength));
        return new SoundVideoClip(features.MoveToOuterDisposeScope(), frames.MoveToOuterDisposeScope());
    }

    /// <summary>The offset of pass <paramref name="pass"/>: 0 for the first, then drawn uniformly from [0, T) (deterministic per seed).</summary>
    public int PassOffset(long seed, int pass)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pass);
        if (pass == 0)
            return 0;
        // HashCode.Combine is salted per process, so mix seed and pass by hand to stay reproducible across runs.
        return new Random(unchecked((int)(seed * 0x9E3779B1L >> 16) ^ pass * 7919)).Next(ClipLength);
    }

    public void Dispose()
    {
        Frames.Dispose();
        Features.Dispose();
    }
}

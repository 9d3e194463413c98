namespace Dino.Repro.Signal;

/// <summary>
/// Decoded audio: float samples in [-1, 1], one array per channel (all the same length), and the sample rate.
/// The form every reader in lib/Signal returns and every writer takes.
/// </summary>
public sealed class AudioBuffer
{
    public AudioBuffer(float[][] channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0)
            throw new ArgumentException("audio needs at least one channel", nameof(channels));
        if (sampleRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be positive");
        var length = channels[0].Length;
        for (var c = 1; c < channels.Length; c++)
        {
            if (channels[c].Length != length)
                throw new ArgumentException($"channel {c} holds {channels[c].Length} samples but channel 0 holds {length}", nameof(channels));
        }
        Channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>One mono channel.</summary>
    public static AudioBuffer Mono(float[] samples, int sampleRate) => new(new[] { samples }, sampleRate);

    public float[][] Channels { get; }
    public int SampleRate { get; }
    public int ChannelCount => Channels.Length;

    /// <summary>Samples per channel.</summary>
    public int Length => Channels[0].Length;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Length / SampleRate);

    /// <summary>The average of all channels (the channel itself when mono).</summary>
    public float[] MixToMono()
    {
        if (ChannelCount == 1)
            return Channels[0];
        var mono = new float[Length];
        foreach (var channel in Channels)
        {
            for (var i = 0; i < mono.Length; i++)
                mono[i] += channel[i];
        }
        var scale = 1f / ChannelCount;
        for (var i = 0; i < mono.Length; i++)
            mono[i] *= scale;
        return mono;
    }

    /// <summary>A float32 tensor of shape [channels, samples] (the torchaudio layout).</summary>
    public Tensor ToTensor()
    {
        var flat = new float[(long)ChannelCount * Length];
        for (var c = 0; c < ChannelCount; c++)
            Channels[c].CopyTo(flat, (long)c * Length);
        return torch.tensor(flat, new long[] { ChannelCount, Length });
    }

    /// <summary>Audio from a [samples] or [channels, samples] tensor (any float dtype, any device).</summary>
    public static AudioBuffer FromTensor(Tensor waveform, int sampleRate)
    {
        var shape = waveform.shape;
        if (shape.Length is not (1 or 2))
            throw new ArgumentException($"a waveform must be [samples] or [channels, samples], not [{string.Join(", ", shape)}]", nameof(waveform));
        using var cpu = waveform.detach().to(ScalarType.Float32, torch.CPU);
        using var contiguous = cpu.contiguous();
        var flat = contiguous.ToArray<float>();
        var channels = shape.Length == 1 ? 1 : (int)shape[0];
        var length = (int)shape[^1];
        var result = new float[channels][];
        for (var c = 0; c < channels; c++)
            result[c] = flat.AsSpan(c * length, length).ToArray();
        return new AudioBuffer(result, sampleRate);
    }
}

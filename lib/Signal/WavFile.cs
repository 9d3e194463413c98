using Dino.Repro.IO;

namespace Dino.Repro.Signal;

/// <summary>
/// WAV files in C#: read PCM 8/16/24/32-bit, IEEE float32 and WAVE_FORMAT_EXTENSIBLE wrappers of them, any
/// channel count; write the same formats atomically. Samples are float32 in [-1, 1], one array per channel.
/// Other containers (mp3, flac, m4a, video) go through <see cref="AudioDecoder"/>.
/// </summary>
public static class WavFile
{
    /// <summary>Reads the whole file. Missing file → <see cref="FileNotFoundException"/>; bad header → <see cref="InvalidDataException"/>.</summary>
    public static AudioBuffer Read(string path) => Read(path, out _);

    public static AudioBuffer Read(string path, out WavHeader header)
    {
        using var stream = Open(path);
        var layout = WavReader.ReadLayout(stream, path);
        header = layout.Header;
        var data = new byte[layout.DataBytes];
        stream.Position = layout.DataOffset;
        if (!WavReader.ReadExactly(stream, data))
            throw WavReader.Bad(path, "the file ended while reading the data chunk");
        return new AudioBuffer(WavReader.DecodeSamples(data, header.Format, header.ChannelCount), header.SampleRate);
    }

    /// <summary>Only the header: format, channels, rate and length, without decoding the samples.</summary>
    public static WavHeader ReadHeader(string path)
    {
        using var stream = Open(path);
        return WavReader.ReadLayout(stream, path).Header;
    }

    /// <summary>Decodes WAV bytes held in memory; <paramref name="source"/> names them in error messages.</summary>
    public static AudioBuffer Decode(byte[] bytes, string source = "WAV data")
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var layout = WavReader.ReadLayout(stream, source);
        var data = bytes.AsSpan((int)layout.DataOffset, (int)layout.DataBytes);
        return new AudioBuffer(WavReader.DecodeSamples(data, layout.Header.Format, layout.Header.ChannelCount), layout.Header.SampleRate);
    }

    /// <summary>The bytes of a WAV file holding <paramref name="audio"/>.</summary>
    public static byte[] Encode(AudioBuffer audio, WavSampleFormat format = WavSampleFormat.Pcm16) => WavWriter.Encode(audio, format);

    /// <summary>
    /// Writes <paramref name="audio"/> (16-bit PCM by default; integer formats clip to [-1, 1)). Atomic: the bytes
    /// go to a temporary file in the same folder, which then replaces <paramref name="path"/>, so a reader never
    /// sees half a file.
    /// </summary>
    public static void Write(string path, AudioBuffer audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        var bytes = WavWriter.Encode(audio, format);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Mono convenience: one channel of samples at <paramref name="sampleRate"/>.</summary>
    public static void Write(string path, float[] samples, int sampleRate, WavSampleFormat format = WavSampleFormat.Pcm16) =>
        Write(path, AudioBuffer.Mono(samples, sampleRate), format);

    private static FileStream Open(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"WAV file not found: {path}", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }
}

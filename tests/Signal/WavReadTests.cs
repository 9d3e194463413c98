using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Tests.Signal.WavBytes;

namespace Dino.Repro.Tests.Signal;

public class WavReadTests
{
    private static (AudioBuffer audio, WavHeader header) ReadBytes(byte[] bytes)
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File("case.wav");
        File.WriteAllBytes(path, bytes);
        var audio = WavFile.Read(path, out var header);
        Assert.Equal(header, WavFile.ReadHeader(path));
        return (audio, header);
    }

    private static void Expect(float[] expected, float[] actual, string what) => Close.All(expected, actual, 0, what: what);

    [Fact]
    public void Pcm8_is_unsigned_around_128()
    {
        var (audio, header) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 1, 8000, 8)), Chunk("data", new byte[] { 0, 128, 255, 64 })));
        Expect(new[] { -1f, 0f, 127 / 128f, -0.5f }, audio.Channels[0], "8-bit");
        Assert.Equal(new WavHeader(WavSampleFormat.Pcm8, 1, 8000, 4, false), header);
        Assert.Equal(8000, audio.SampleRate);
    }

    [Fact]
    public void Pcm16_divides_by_32768()
    {
        var (audio, header) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 1, 16000, 16)), Chunk("data", Int16s(-32768, 0, 16384, 32767, -1))));
        Expect(new[] { -1f, 0f, 0.5f, 32767 / 32768f, -1 / 32768f }, audio.Channels[0], "16-bit");
        Assert.Equal(WavSampleFormat.Pcm16, header.Format);
        Assert.Equal(5, header.FrameCount);
    }

    [Fact]
    public void Pcm24_sign_extends_three_bytes()
    {
        var (audio, _) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 1, 48000, 24)), Chunk("data", Int24s(-8388608, 0, 4194304, -1, 8388607))));
        Expect(new[] { -1f, 0f, 0.5f, -1 / 8388608f, 8388607 / 8388608f }, audio.Channels[0], "24-bit");
    }

    [Fact]
    public void Pcm32_divides_by_two_to_the_31()
    {
        var (audio, _) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 1, 44100, 32)), Chunk("data", Int32s(int.MinValue, 0, 1 << 30, -(1 << 29)))));
        Expect(new[] { -1f, 0f, 0.5f, -0.25f }, audio.Channels[0], "32-bit");
    }

    [Fact]
    public void Float32_is_taken_as_is_even_beyond_full_scale()
    {
        var fact = Chunk("fact", Int32s(3));
        var (audio, header) = ReadBytes(Riff(Chunk("fmt ", Fmt(3, 1, 22050, 32)), fact, Chunk("data", Floats(0.25f, -0.75f, 1.5f))));
        Expect(new[] { 0.25f, -0.75f, 1.5f }, audio.Channels[0], "float32");
        Assert.Equal(WavSampleFormat.Float32, header.Format);
    }

    [Fact]
    public void Extensible_headers_carry_pcm_and_float()
    {
        var (pcm, pcmHeader) = ReadBytes(Riff(Chunk("fmt ", FmtExtensible(1, 2, 48000, 24)), Chunk("data", Int24s(4194304, -4194304, 0, 8388607))));
        Assert.Equal(new WavHeader(WavSampleFormat.Pcm24, 2, 48000, 2, true), pcmHeader);
        Expect(new[] { 0.5f, 0f }, pcm.Channels[0], "extensible left");
        Expect(new[] { -0.5f, 8388607 / 8388608f }, pcm.Channels[1], "extensible right");

        var (flt, fltHeader) = ReadBytes(Riff(Chunk("fmt ", FmtExtensible(3, 1, 16000, 32)), Chunk("data", Floats(0.125f, -1f))));
        Assert.Equal(new WavHeader(WavSampleFormat.Float32, 1, 16000, 2, true), fltHeader);
        Expect(new[] { 0.125f, -1f }, flt.Channels[0], "extensible float");
    }

    [Fact]
    public void Stereo_and_multichannel_frames_are_deinterleaved()
    {
        var (stereo, _) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 2, 16000, 16)), Chunk("data", Int16s(1024, -2048, 4096, 8192))));
        Assert.Equal(2, stereo.ChannelCount);
        Expect(new[] { 1024 / 32768f, 4096 / 32768f }, stereo.Channels[0], "left");
        Expect(new[] { -2048 / 32768f, 8192 / 32768f }, stereo.Channels[1], "right");

        var (three, header) = ReadBytes(Riff(Chunk("fmt ", Fmt(1, 3, 8000, 8)), Chunk("data", new byte[] { 0, 128, 192, 64, 255, 128 })));
        Assert.Equal(3, header.ChannelCount);
        Expect(new[] { -1f, -0.5f }, three.Channels[0], "channel 0");
        Expect(new[] { 0f, 127 / 128f }, three.Channels[1], "channel 1");
        Expect(new[] { 0.5f, 0f }, three.Channels[2], "channel 2");
    }

    [Fact]
    public void Unknown_chunks_before_data_are_skipped_with_their_pad_bytes()
    {
        // LIST/INFO of odd size (pad byte follows), an odd 'junk' chunk, then fmt after them, then data.
        var list = Chunk("LIST", "INFOISFT\u0005\0\0\0kit!\0"u8.ToArray());
        Assert.Equal(8 + 17 + 1, list.Length); // a 17-byte body and its pad byte
        var odd = Chunk("junk", new byte[] { 1, 2, 3 });
        Assert.Equal(8 + 3 + 1, odd.Length);
        var (audio, _) = ReadBytes(Riff(odd, Chunk("fmt ", Fmt(1, 1, 16000, 16)), list, Chunk("data", Int16s(100, -100))));
        Expect(new[] { 100 / 32768f, -100 / 32768f }, audio.Channels[0], "after LIST and junk");
    }

    [Fact]
    public void An_odd_sized_data_chunk_is_padded_before_the_next_chunk()
    {
        // Three 8-bit samples: data is odd, one pad byte, then a trailing LIST chunk the reader must not take as sound.
        var (audio, header) = ReadBytes(
            Riff(Chunk("fmt ", Fmt(1, 1, 8000, 8)), Chunk("data", new byte[] { 128, 192, 64 }), Chunk("LIST", "INFOabcd"u8.ToArray()))
        );
        Assert.Equal(3, header.FrameCount);
        Expect(new[] { 0f, 0.5f, -0.5f }, audio.Channels[0], "odd data");
    }

    [Fact]
    public void The_reference_speech_file_reads_as_int16_over_32768()
    {
        var path = SharedTestData.Path("audio/espeak_enus_clean_16k.wav");
        var audio = WavFile.Read(path, out var header);
        Assert.Equal(new WavHeader(WavSampleFormat.Pcm16, 1, 16000, 59394, false), header);
        // The README says: a plain 44-byte header, so the samples are the int16 values from byte 44 on.
        var bytes = File.ReadAllBytes(path);
        var expected = Enumerable.Range(0, 59394).Select(i => BitConverter.ToInt16(bytes, 44 + 2 * i) / 32768f).ToArray();
        Expect(expected, audio.Channels[0], "espeak samples");
    }

    [Fact]
    public void In_memory_bytes_decode_like_a_file()
    {
        var bytes = Riff(Chunk("fmt ", Fmt(1, 1, 8000, 16)), Chunk("data", Int16s(16384)));
        Assert.Equal(0.5f, WavFile.Decode(bytes).Channels[0][0]);
    }
}

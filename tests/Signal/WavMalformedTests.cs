using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;
using static Dino.Repro.Tests.Signal.WavBytes;

namespace Dino.Repro.Tests.Signal;

public class WavMalformedTests
{
    private static readonly byte[] MonoFmt = Chunk("fmt ", Fmt(1, 1, 16000, 16));

    public static TheoryData<string, byte[], string> Cases() =>
        new()
        {
            { "too short", "RIFF"u8.ToArray(), "too short" },
            { "not RIFF", Riff("OggS", "WAVE", MonoFmt, Chunk("data", Int16s(1))), "no RIFF header (the file starts with 'OggS')" },
            { "big-endian", Riff("RIFX", "WAVE", MonoFmt, Chunk("data", Int16s(1))), "big-endian RIFX" },
            { "not WAVE", Riff("RIFF", "AVI ", MonoFmt, Chunk("data", Int16s(1))), "form type is 'AVI ', not WAVE" },
            { "no fmt", Riff(Chunk("data", Int16s(1, 2))), "no fmt chunk" },
            { "no data", Riff(MonoFmt, Chunk("LIST", new byte[4])), "no data chunk" },
            {
                "truncated data",
                Riff(MonoFmt, Chunk("data", Int16s(1, 2, 3), declaredSize: 1000)),
                "data chunk declares 1000 bytes but only 6 remain"
            },
            {
                "truncated chunk",
                Riff(MonoFmt, Chunk("LIST", new byte[4], declaredSize: 500), Chunk("data", Int16s(1))),
                "chunk 'LIST' declares 500 bytes"
            },
            { "short fmt", Riff(Chunk("fmt ", new byte[12]), Chunk("data", Int16s(1))), "fmt chunk is 12 bytes" },
            { "zero channels", Riff(Chunk("fmt ", Fmt(1, 0, 16000, 16, blockAlign: 2)), Chunk("data", Int16s(1))), "zero channels" },
            { "zero rate", Riff(Chunk("fmt ", Fmt(1, 1, 0, 16)), Chunk("data", Int16s(1))), "invalid sample rate 0" },
            {
                "mp3 in RIFF",
                Riff(Chunk("fmt ", Fmt(0x55, 1, 16000, 0, blockAlign: 1)), Chunk("data", new byte[8])),
                "unsupported format code 0x0055 (MPEG Layer 3)"
            },
            { "µ-law", Riff(Chunk("fmt ", Fmt(7, 1, 8000, 8)), Chunk("data", new byte[8])), "unsupported format code 0x0007" },
            { "12-bit PCM", Riff(Chunk("fmt ", Fmt(1, 1, 8000, 12, blockAlign: 2)), Chunk("data", new byte[8])), "unsupported PCM bit depth 12" },
            { "float64", Riff(Chunk("fmt ", Fmt(3, 1, 8000, 64)), Chunk("data", new byte[8])), "unsupported IEEE float bit depth 64" },
            { "bad extensible GUID", Riff(Chunk("fmt ", BadGuid()), Chunk("data", new byte[4])), "sub-format is not a KSDATAFORMAT_SUBTYPE GUID" },
            {
                "short extensible",
                Riff(Chunk("fmt ", FmtExtensible(1, 1, 8000, 16)[..24]), Chunk("data", new byte[4])),
                "EXTENSIBLE fmt chunk is 24 bytes"
            },
            {
                "block align mismatch",
                Riff(Chunk("fmt ", Fmt(1, 2, 16000, 16, blockAlign: 2)), Chunk("data", Int16s(1, 2))),
                "block align 2 does not match 2 channels × 2 bytes = 4"
            },
            {
                "partial frame",
                Riff(Chunk("fmt ", Fmt(1, 2, 16000, 16)), Chunk("data", Int16s(1, 2, 3))),
                "data chunk size 6 is not a multiple of the block align 4"
            },
        };

    private static byte[] BadGuid()
    {
        var fmt = FmtExtensible(1, 1, 8000, 16);
        fmt[30] ^= 0xFF;
        return fmt;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_files_raise_errors_naming_the_file_and_the_problem(string name, byte[] bytes, string problem)
    {
        using var folder = new Fixtures.TempFolder();
        var path = folder.File(name.Replace(' ', '_') + ".wav");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => WavFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains(problem, Assert.Throws<InvalidDataException>(() => WavFile.ReadHeader(path)).Message);
    }

    [Fact]
    public void A_missing_file_is_FileNotFound()
    {
        using var folder = new Fixtures.TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => WavFile.Read(folder.File("absent.wav")));
        Assert.Equal(folder.File("absent.wav"), error.FileName);
    }

    [Fact]
    public void A_damaged_chunk_after_the_sound_does_not_spoil_it()
    {
        // Metadata appended after data with a size running past the end (seen in the wild) is ignored.
        var bytes = Riff(MonoFmt, Chunk("data", Int16s(8192)), Chunk("LIST", new byte[4], declaredSize: 400));
        Assert.Equal(0.25f, WavFile.Decode(bytes, "tail.wav").Channels[0][0]);
    }

    [Fact]
    public void A_streamed_data_size_means_until_the_end_of_the_file()
    {
        // Writers that cannot seek back leave 0xFFFFFFFF; the frames present are the sound (a partial frame is dropped).
        var bytes = Riff(MonoFmt, Chunk("data", Int16s(16384, -16384).Append((byte)7).ToArray(), declaredSize: 0xFFFFFFFF));
        var audio = WavFile.Decode(bytes[..^1], "stream.wav"); // drop Chunk's pad byte: the file ends mid-frame
        Close.All(new[] { 0.5f, -0.5f }, audio.Channels[0], 0);
    }
}

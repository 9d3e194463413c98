using System.Text;
using Dino.Repro.Tests.Support;
using Dino.Repro.Torch.Serialization;

namespace Dino.Repro.Tests.Torch;

/// <summary>Every malformed file is an InvalidDataException naming the file and the problem.</summary>
public class SafeTensorsCorruptionTests : IDisposable
{
    private readonly Fixtures.TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // A file with the given header text (space-padded to 8 bytes) and `dataBytes` bytes of data.
    private string Write(string json, int dataBytes, ulong? headerLength = null)
    {
        var header = Encoding.UTF8.GetBytes(json);
        header = header.Concat(Enumerable.Repeat((byte)' ', (8 - header.Length % 8) % 8)).ToArray();
        return WriteBytes(BitConverter.GetBytes(headerLength ?? (ulong)header.Length).Concat(header).Concat(new byte[dataBytes]).ToArray());
    }

    private string WriteBytes(byte[] bytes)
    {
        var path = folder.File($"{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertInvalid(string path, string problem)
    {
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(problem, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    private const string A = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    [Theory]
    [InlineData("{" + A + "}", 8, "")] // the valid baseline the other cases break
    [InlineData("{" + A + ",\"b\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[8,9]}}", 9, "unknown dtype 'F8'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "hold 8 bytes but shape [3] of F32 needs 12")]
    [InlineData("{" + A + ",\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "tensors 'a' [0, 8) and 'b' [4, 8) overlap")]
    [InlineData(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
        12,
        "bytes [0, 4) of the data buffer are not covered by any tensor"
    )]
    [InlineData("{" + A + "}", 12, "bytes [8, 12) of the data buffer are not covered by any tensor")]
    [InlineData("{" + A + "}", 5, "truncated file: tensor 'a' ends at byte 8 of the data buffer, which holds only 5 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "end before they begin")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8, "data_offsets must be [begin, end]")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "tensor 'a': the entry has no 'shape'")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "not a non-negative integer")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8, "not a non-negative integer")]
    [InlineData("{\"a\":[1,2]}", 8, "tensor 'a': the entry is a JSON Array")]
    [InlineData("{" + A + "," + A + "}", 8, "names 'a' twice")]
    [InlineData("{\"__metadata__\":{\"n\":1}," + A + "}", 8, "__metadata__ value of 'n' is a JSON Number, not a string")]
    [InlineData("{\"a\": ", 8, "not valid JSON")]
    [InlineData("[1, 2]", 0, "the header is a JSON Array, not an object")]
    public void Malformed_headers_and_layouts_name_the_problem(string json, int dataBytes, string problem)
    {
        var path = Write(json, dataBytes);
        if (problem.Length == 0)
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            Assert.Equal(new[] { "a" }, SafeTensors.Load(path).Keys);
            return;
        }
        AssertInvalid(path, problem);
    }

    [Fact]
    public void A_file_shorter_than_the_length_prefix_is_truncated()
    {
        AssertInvalid(WriteBytes(new byte[] { 8, 0, 0 }), "truncated file: 3 bytes");
        AssertInvalid(WriteBytes(Array.Empty<byte>()), "truncated file: 0 bytes");
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_limit_is_rejected()
    {
        AssertInvalid(Write("{" + A + "}", 8, headerLength: 4096), "the header length 4096 goes beyond the end of the file");
        AssertInvalid(Write("{}", 0, headerLength: 200_000_000), "exceeds the format's limit of 100000000 bytes");
    }

    [Fact]
    public void A_header_that_is_not_utf8_is_rejected()
    {
        var bytes = new List<byte>(BitConverter.GetBytes(8UL)) { (byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
        AssertInvalid(WriteBytes(bytes.ToArray()), "the header is not valid UTF-8");
    }

    [Fact]
    public void A_missing_file_is_FileNotFound_naming_the_path()
    {
        var path = folder.File("nowhere.safetensors");
        var ex = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Equal(path, ex.FileName);
    }
}

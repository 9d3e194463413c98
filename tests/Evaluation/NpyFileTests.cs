using Dino.Repro.Data;
using Dino.Repro.IO;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Evaluation;

public class NpyFileTests
{
    [Fact]
    public void Npy_and_raw_copies_of_the_same_matrix_agree()
    {
        using var scope = torch.NewDisposeScope();
        var fromNpy = NpyFile.Read(TestData.PathOf("fid/features_a.npy"));
        var fromRaw = TestData.Float64Matrix("fid/features_a.bin", 500, 64);
        Assert.Equal(new long[] { 500, 64 }, fromNpy.shape);
        Assert.True(fromNpy.Equals(fromRaw));
    }

    [Fact]
    public void Malformed_files_name_the_problem()
    {
        Assert.Contains("bad magic", Assert.Throws<InvalidDataException>(() => NpyFile.Parse(new byte[20])).Message);
        var good = File.ReadAllBytes(TestData.PathOf("fid/probs.npy"));
        var truncated = good.AsSpan(0, good.Length - 8).ToArray();
        Assert.Contains("needs", Assert.Throws<InvalidDataException>(() => NpyFile.Parse(truncated)).Message);
        Assert.Throws<FileNotFoundException>(() => NpyFile.Read("/nonexistent/file.npy"));
    }
}

using System.Text.Json.Nodes;

namespace Dino.Repro.Tests.Support;

/// <summary>The reference inputs and outputs in ../shared/testdata (made by the reference implementations).</summary>
public static class TestData
{
    private static readonly Lazy<JsonObject> ExpectedJson = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "expected.json")))!.AsObject()
    );

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "testdata");
                if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj")) && Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            }
            throw new DirectoryNotFoundException("../shared/testdata was not found beside the repository");
        }
    }

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>One case of expected.json, e.g. "wer/corpus".</summary>
    public static JsonObject Case(string name) =>
        ExpectedJson.Value[name]?.AsObject() ?? throw new KeyNotFoundException($"expected.json has no case '{name}'");

    /// <summary>A raw little-endian float64 matrix file as a tensor.</summary>
    public static Tensor Float64Matrix(string relative, long rows, long cols)
    {
        var bytes = File.ReadAllBytes(PathOf(relative));
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return torch.tensor(values, new[] { rows, cols });
    }
}

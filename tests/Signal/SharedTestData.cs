namespace Dino.Repro.Tests.Signal;

/// <summary>
/// Reference arrays in the workspace's shared/testdata (next to the repository: the folder holding
/// Dino.Repro.csproj, then ../shared), made by the reference implementations its README names.
/// </summary>
internal static class SharedTestData
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Dino.Repro.csproj")))
                continue;
            var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "testdata", relative));
            if (File.Exists(candidate))
                return candidate;
            throw new FileNotFoundException($"shared test data {relative} not found at {candidate}");
        }
        throw new DirectoryNotFoundException($"the Dino.Repro source tree was not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A raw little-endian float32 file (no header).</summary>
    public static float[] Floats(string relative)
    {
        var bytes = File.ReadAllBytes(Path(relative));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * 4);
        return values;
    }
}

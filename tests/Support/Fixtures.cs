namespace Dino.Repro.Tests.Support;

/// <summary>Committed test inputs under tests/fixtures (made by the scripts there; tests never run Python).</summary>
public static class Fixtures
{
    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"fixture tests/fixtures/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A fresh empty folder for files a test writes, removed when disposed.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Root);

        public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dino-tests-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Root, name);

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}

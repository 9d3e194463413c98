namespace Dino.Repro.Tests.Support;

/// <summary>A fresh data root (DINO_DATA) for one test, restored and deleted afterwards; test collections run one at a time.</summary>
internal sealed class DataRootScope : IDisposable
{
    private readonly string? before = Environment.GetEnvironmentVariable("DINO_DATA");

    public DataRootScope()
    {
        Path = Directory.CreateTempSubdirectory("dino-data-").FullName;
        Environment.SetEnvironmentVariable("DINO_DATA", Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DINO_DATA", before);
        Directory.Delete(Path, recursive: true);
    }
}

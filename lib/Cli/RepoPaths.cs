namespace Dino.Repro.Cli;

/// <summary>Finds the kit's source tree (scripts, notebooks, bench) from wherever the CLI runs.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj"))) return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("the Dino.Repro source tree was not found above " + AppContext.BaseDirectory);
    }
}

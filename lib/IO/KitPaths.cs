namespace Dino.Repro.IO;

/// <summary>Finds the kit's source tree (scripts, notebooks, bench) from wherever the CLI runs.</summary>
public static class KitPaths
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

    /// <summary>
    /// The data root shared by the data-scripts and the readers: <c>$DINO_DATA</c>, or <c>&lt;kit&gt;/data</c>.
    /// A real corpus is unpacked into <c>&lt;root&gt;/&lt;corpus&gt;/raw</c>; embedded corpora are made under
    /// <c>&lt;root&gt;/&lt;corpus&gt;/</c>.
    /// </summary>
    public static string DataRoot()
    {
        var data = Environment.GetEnvironmentVariable("DINO_DATA");
        return string.IsNullOrEmpty(data) ? Path.Combine(Root(), "data") : Path.GetFullPath(data);
    }
}

namespace Dino.Repro.IO;

/// <summary>Finds the kit's source tree (scripts, notebooks, bench) from wherever the CLI runs.</summary>
public static class KitPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj")))
                return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dino.Repro.csproj")))
                return dir.FullName;
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
        var data = Environment.GetEnvironmentVariable(DataRootVariable);
        return string.IsNullOrEmpty(data) ? Path.Combine(Root(), "data") : Path.GetFullPath(data);
    }

    /// <summary>
    /// Makes <paramref name="path"/> (relative to the working folder) the data root of this process and of what it
    /// starts, by setting <c>$DINO_DATA</c> — what a notebook's <c>dataRoot</c> parameter does. Returns the full path.
    /// </summary>
    /// <remarks>The variable, not a field: data-scripts run as child processes read it too, and it is one
    /// setting that every <see cref="DataRoot"/> call sees.</remarks>
    public static string UseDataRoot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Environment.SetEnvironmentVariable(DataRootVariable, full);
        return full;
    }

    private const string DataRootVariable = "DINO_DATA";
}

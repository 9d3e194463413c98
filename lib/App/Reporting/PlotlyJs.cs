namespace Dino.Repro.App.Reporting;

/// <summary>
/// Finds plotly.js (npm <c>plotly.js-dist-min</c>), which the build copies next to the kit's assembly
/// (environment/fetch-plotly.sh). Never fetched at run time: when it is missing, plots fall back to a static PNG
/// and <see cref="WhyMissing"/> says why.
/// </summary>
public static class PlotlyJs
{
    public const string FileName = "plotly.min.js";

    /// <summary>Overrides where plotly.min.js is read from (a file path).</summary>
    public const string PathVariable = "DINO_PLOTLY_JS";

    private static readonly Lazy<(string? source, string? whyMissing)> Loaded = new(Load);

    /// <summary>The minified library, safe to place inside an inline &lt;script&gt;; null when not installed.</summary>
    public static string? Source => Loaded.Value.source;

    public static bool IsAvailable => Source is not null;

    public static string? WhyMissing => Loaded.Value.whyMissing;

    public static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
            yield return configured;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        if (Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location) is { Length: > 0 } kitFolder)
            yield return Path.Combine(kitFolder, FileName);
    }

    private static (string?, string?) Load()
    {
        var tried = Candidates().Distinct().ToList();
        foreach (var path in tried)
        {
            if (!File.Exists(path))
                continue;
            // "</script" inside the library would end an inline script element early; "<\/" means the same in JS strings.
            return (File.ReadAllText(path).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase), null);
        }
        return (
            null,
            $"plotly.js is not installed ({string.Join(", ", tried)} not found; the build copies it from npm plotly.js-dist-min when npm is "
                + "available)"
        );
    }
}

namespace Dino.Repro.Data;

/// <summary>Where the kit keeps corpora on disk.</summary>
public static class CorpusPaths
{
    /// <summary>
    /// Where a real corpus is expected on disk (whether or not it is there): <c>&lt;data root&gt;/&lt;name&gt;/raw</c>,
    /// where its data-script unpacks it (data root = <c>$DINO_DATA</c> or <c>&lt;kit&gt;/data</c>).
    /// </summary>
    public static string ExpectedPath(string name) => Path.Combine(Dino.Repro.IO.KitPaths.DataRoot(), name, "raw");
}

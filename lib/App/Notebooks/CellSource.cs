using System.Text.RegularExpressions;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Turns a Polyglot cell's text into plain C# script without moving any line (so error line numbers match the
/// cell): <c>#r</c> of the kit's own dll becomes a comment (the runner already references the loaded kit, and a
/// second copy would split its types), <c>#!csharp</c> is dropped, other magics and NuGet references are errors.
/// </summary>
internal static partial class CellSource
{
    [GeneratedRegex("""^\s*#r\s+"(?<path>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex("""^\s*#!(?<magic>\S+)""")]
    private static partial Regex MagicCommand();

    /// <summary>The runnable script; throws <see cref="CellSourceException"/> with the 1-based line of an unsupported directive.</summary>
    public static string Prepare(string source, string kitFileName)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (ReferenceDirective().Match(line) is { Success: true } reference)
            {
                var path = reference.Groups["path"].Value;
                if (path.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    throw new CellSourceException(i + 1, $"#r \"{path}\": NuGet references are not supported by the headless runner (the kit and its packages are already loaded)");
                if (string.Equals(Path.GetFileName(path), kitFileName, StringComparison.OrdinalIgnoreCase))
                    lines[i] = "// " + line.TrimStart() + "  (the kit is already loaded)";
            }
            else if (MagicCommand().Match(line) is { Success: true } magic)
            {
                var name = magic.Groups["magic"].Value;
                if (name is "csharp" or "c#" or "C#") lines[i] = "";
                else throw new CellSourceException(i + 1, $"#!{name}: magic commands are not supported by the headless runner (only C# cells run)");
            }
        }
        return string.Join('\n', lines);
    }
}

internal sealed class CellSourceException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dino.Repro.Tests.Support;

/// <summary>
/// What the installed espeak-ng offers, asked of espeak-ng itself (<c>--voices</c>, <c>--voices=variant</c>), so a voice
/// a manifest records can be checked to be a real espeak-ng voice rather than a name the kit made up.
/// </summary>
public static partial class EspeakVoices
{
    private static readonly Lazy<HashSet<string>> Languages = new(() => Column(List("--voices"), 1));
    private static readonly Lazy<HashSet<string>> Variants = new(() =>
        Column(List("--voices=variant"), 4).Where(f => f.StartsWith("!v/", StringComparison.Ordinal)).Select(f => f[3..]).ToHashSet()
    );

    /// <summary>Whether a <c>SpeechVoice.Tag</c> (<c>en-us+f3-p60-s150</c>) names an installed language and variant.</summary>
    public static bool IsInstalled(string tag)
    {
        var match = TagPattern().Match(tag);
        if (!match.Success)
            return false;
        var variant = match.Groups["variant"];
        return Languages.Value.Contains(match.Groups["language"].Value) && (!variant.Success || Variants.Value.Contains(variant.Value));
    }

    [GeneratedRegex(@"^(?<language>[a-z-]+?)(\+(?<variant>[A-Za-z0-9_]+))?-p\d+-s\d+$")]
    private static partial Regex TagPattern();

    private static string[] List(string argument)
    {
        var start = new ProcessStartInfo("espeak-ng", argument) { RedirectStandardOutput = true, UseShellExecute = false };
        using var espeak = Process.Start(start)!;
        var lines = espeak.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        espeak.WaitForExit();
        return lines.Skip(1).ToArray(); // the header row
    }

    private static HashSet<string> Column(string[] rows, int index) =>
        rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length > index).Select(f => f[index]).ToHashSet();
}

namespace Dino.Repro.IO;

/// <summary>
/// The kit's three sizes of the same code (DESIGN.md): <see cref="Smoke"/> proves the machinery in seconds,
/// <see cref="Cpu"/> is the under-an-hour run on 2 cores that can show a paper's claim, <see cref="Paper"/> is the
/// real corpus at the paper's schedule on a GPU. Parsed once from the command line or options.json.
/// </summary>
public enum Preset
{
    Smoke,
    Cpu,
    Paper,
}

/// <summary>A preset's name as users write it ("smoke", "cpu", "paper") and back.</summary>
public static class Presets
{
    public static IReadOnlyList<Preset> All { get; } = Enum.GetValues<Preset>();

    public static string Name(this Preset preset) =>
        preset switch
        {
            Preset.Smoke => "smoke",
            Preset.Cpu => "cpu",
            Preset.Paper => "paper",
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    /// <summary>
    /// The preset called <paramref name="name"/>; otherwise a <see cref="UsageException"/> listing the three, saying
    /// what asked for it when <paramref name="context"/> is given ("unknown preset 'big' for toy-gan (valid: …)").
    /// </summary>
    public static Preset Parse(string name, string? context = null) =>
        TryParse(name, out var preset) ? preset : throw UsageException.UnknownName("preset", name, Names, context);

    /// <summary>"smoke, cpu, paper": the names, for messages.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name());

    public static bool TryParse(string? name, out Preset preset)
    {
        foreach (var candidate in All)
        {
            if (candidate.Name() != name)
                continue;
            preset = candidate;
            return true;
        }
        preset = default;
        return false;
    }
}

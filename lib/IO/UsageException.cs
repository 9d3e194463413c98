namespace Dino.Repro.IO;

/// <summary>
/// The request itself is wrong (an unknown experiment, preset or option, a value of the wrong type, a run folder
/// that is not one): nothing was trained. The CLI reports it with exit code 2.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message) { }

    public UsageException(string message, Exception inner)
        : base(message, inner) { }

    /// <summary>"unknown preset 'big' (valid: smoke, cpu, paper)".</summary>
    public static UsageException UnknownName(string kind, string name, IEnumerable<string> valid, string? context = null) =>
        new($"unknown {kind} '{name}'{(context is null ? "" : " for " + context)} (valid: {string.Join(", ", valid)})");
}

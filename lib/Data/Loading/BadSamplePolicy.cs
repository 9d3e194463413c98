namespace Dino.Repro.Data.Loading;

/// <summary>What a corpus reader does with a sample it cannot read (a missing, truncated or corrupt file).</summary>
public enum BadSamplePolicy
{
    /// <summary>Stop with the reader's exception, which names the file and the problem. The default.</summary>
    Throw,

    /// <summary>Leave the sample out, count it and log its file and reason (see <see cref="BadSampleReport"/>).</summary>
    Skip,
}

/// <summary>The policy by its option value ("throw" or "skip").</summary>
public static class BadSamplePolicies
{
    public static IReadOnlyList<string> Names { get; } = ["throw", "skip"];

    public static BadSamplePolicy Parse(string value) =>
        value?.Trim().ToLowerInvariant() switch
        {
            "throw" => BadSamplePolicy.Throw,
            "skip" => BadSamplePolicy.Skip,
            _ => throw new ArgumentException($"bad_samples must be throw or skip, not '{value}'", nameof(value)),
        };
}

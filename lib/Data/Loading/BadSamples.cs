namespace Dino.Repro.Data.Loading;

/// <summary>
/// A reader's handling of unreadable samples: the policy and the report skips go to. Readers wrap the loading of
/// each sample in <see cref="Read{T}"/>; only I/O and data-format errors count as a bad sample, anything else
/// (a bug, out of memory) always propagates.
/// </summary>
public sealed class BadSamples
{
    public BadSamples(BadSamplePolicy policy, BadSampleReport? report = null)
    {
        Policy = policy;
        Report = report ?? new BadSampleReport();
    }

    /// <summary>Stop at the first bad sample (what a reader does when given no handling).</summary>
    public static BadSamples Throw => new(BadSamplePolicy.Throw, new BadSampleReport(null));

    public BadSamplePolicy Policy { get; }
    public BadSampleReport Report { get; }

    /// <summary>
    /// The sample <paramref name="read"/> returns; when it fails with a bad file, either that exception (policy
    /// Throw; it names the file) or null after recording <paramref name="file"/> and the reason (policy Skip).
    /// </summary>
    public T? Read<T>(string file, Func<T> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (Exception e) when (Policy == BadSamplePolicy.Skip && IsBadFile(e))
        {
            Report.Add(file, e.Message);
            return null;
        }
    }

    /// <summary>
    /// <see cref="Read{T}"/> over every item, in order, keeping the samples read; if one stops the read, those already
    /// read are disposed before the exception leaves (their native tensors would otherwise wait for the GC).
    /// </summary>
    public IReadOnlyList<T> ReadAll<TItem, T>(IEnumerable<TItem> items, Func<TItem, string> file, Func<TItem, T> read)
        where T : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new List<T>();
        try
        {
            foreach (var item in items)
            {
                if (Read(file(item), () => read(item)) is { } sample)
                    result.Add(sample);
            }
        }
        catch
        {
            foreach (var sample in result)
                sample.Dispose();
            throw;
        }
        return result;
    }

    /// <summary>Missing, truncated or undecodable input (the readers raise these, naming the file).</summary>
    public static bool IsBadFile(Exception e) => e is IOException or InvalidDataException;
}

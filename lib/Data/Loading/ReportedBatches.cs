using Dino.Repro.Training;

namespace Dino.Repro.Data.Loading;

/// <summary>A batch source together with the report of the samples left out of it (it owns the source).</summary>
public sealed class ReportedBatches : IBatchSource, IReportsBadSamples, IDisposable
{
    private readonly IBatchSource source;

    public ReportedBatches(IBatchSource source, BadSampleReport report)
    {
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        BadSamples = report ?? throw new ArgumentNullException(nameof(report));
    }

    public BadSampleReport BadSamples { get; }

    public DataPosition Position
    {
        get => source.Position;
        set => source.Position = value;
    }

    public Batch Next() => source.Next();

    public void Dispose() => (source as IDisposable)?.Dispose();
}

namespace Dino.Repro.Data.Loading;

/// <summary>A batch source that can say which samples it left out; the trainer puts them in the run's log.</summary>
public interface IReportsBadSamples
{
    BadSampleReport BadSamples { get; }
}

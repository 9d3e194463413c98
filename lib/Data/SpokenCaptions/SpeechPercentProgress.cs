namespace Dino.Repro.Data.SpokenCaptions;

/// <summary>
/// Reports <see cref="SpokenCaptionCache.Prepare"/> as one line per 10% done, so long runs show they are alive.
/// Synchronous (Progress&lt;T&gt; would post to the thread pool and lines could arrive late or out of order).
/// </summary>
internal sealed class SpeechPercentProgress(TextWriter writer) : IProgress<SpeechProgress>
{
    private int lastTenth = -1;

    public void Report(SpeechProgress value)
    {
        var tenth = value.Total == 0 ? 10 : 10 * value.Done / value.Total;
        if (tenth == lastTenth)
            return;
        lastTenth = tenth;
        writer.WriteLine($"speaking captions: {value.Done}/{value.Total} ({value.Synthesized} spoken now)");
    }
}

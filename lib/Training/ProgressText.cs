using System.Globalization;

namespace Dino.Repro.Training;

/// <summary>The one-line summary of a step both progress sinks show: "step 120/2000  G 0.7123  D_real 0.6811  830 img/s  ETA 0:01:23".</summary>
public static class ProgressText
{
    public static string Line(StepReport r)
    {
        var losses = string.Join("  ", r.Losses.Select(kv => $"{kv.Key} {Number(kv.Value)}"));
        var controller = r.Controller.Count == 0 ? "" : "  " + string.Join("  ", r.Controller.Select(kv => $"{kv.Key} {Number(kv.Value)}"));
        var eta = r.Eta is { } t ? Duration(t) : "?";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"step {r.Step}/{r.TotalSteps}  {losses}{controller}  {r.ImagesPerSecond:F0} img/s  ETA {eta}"
        );
    }

    /// <summary>The same facts with the losses last, for a live bar whose line may be cut at the terminal's width.</summary>
    public static string LiveLine(StepReport r)
    {
        var eta = r.Eta is { } t ? Duration(t) : "?";
        var values = r.Losses.Concat(r.Controller).Select(kv => $"{kv.Key} {Number(kv.Value)}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"step {r.Step}/{r.TotalSteps}  ETA {eta}  {r.ImagesPerSecond:F0} img/s  {string.Join("  ", values)}"
        );
    }

    /// <summary>h:mm:ss (days fold into hours).</summary>
    public static string Duration(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}");

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// <c>display(value)</c>, <c>value.Display()</c> and <c>HTML("…")</c> for notebook cells (the runner imports this
/// class statically, as .NET Interactive provides the same names). Outside a notebook run, display prints the
/// value's plain-text form to standard output.
/// </summary>
public static class NotebookDisplay
{
    private static readonly AsyncLocal<Action<object?>?> Sink = new();

    public static void display(object? value)
    {
        if (Sink.Value is { } sink) sink(value);
        else Console.WriteLine(new DisplayFormatter().Format(value)["text/plain"] ?? value?.ToString());
    }

    public static void Display(this object? value) => display(value);

    public static HtmlString HTML(string html) => new(html);

    /// <summary>Routes display calls made on this async flow to <paramref name="sink"/> until disposed.</summary>
    internal static IDisposable Capture(Action<object?> sink)
    {
        var previous = Sink.Value;
        Sink.Value = sink;
        return new Restore(() => Sink.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

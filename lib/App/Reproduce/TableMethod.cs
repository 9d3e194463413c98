namespace Dino.Repro.App.Reproduce;

/// <summary>One trained row of a table: the name it prints, the experiment trained and the options that make the row what it is.</summary>
/// <param name="Method">The row's name, as the paper prints it ("DINO w/o L1").</param>
/// <param name="Experiment">The registered experiment trained for it ("dino", "bicyclegan", …).</param>
/// <param name="Options">key=value options applied after the preset and the user's overrides (e.g. reconstruction_weight=0).</param>
public sealed record TableMethod(string Method, string Experiment, params KeyValuePair<string, string>[] Options)
{
    public static KeyValuePair<string, string> Set(string key, string value) => KeyValuePair.Create(key, value);
}

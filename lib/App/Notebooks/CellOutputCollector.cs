using System.Text;
using System.Text.Json.Nodes;

namespace Dino.Repro.App.Notebooks;

/// <summary>
/// Gathers one cell's outputs in the order they happen: text written to stdout/stderr becomes stream outputs,
/// split wherever a display (or a switch of stream) comes between, as a live kernel would record them.
/// </summary>
internal sealed class CellOutputCollector
{
    private readonly object gate = new();
    private readonly List<JsonObject> outputs = new();
    private readonly StringBuilder pending = new();
    private readonly TextWriter? echo;
    private readonly TextWriter? echoErrors;
    private string pendingStream = "stdout";

    public CellOutputCollector(TextWriter? echo, TextWriter? echoErrors)
    {
        this.echo = echo;
        this.echoErrors = echoErrors;
        Stdout = new CapturingWriter(this, "stdout");
        Stderr = new CapturingWriter(this, "stderr");
    }

    public TextWriter Stdout { get; }
    public TextWriter Stderr { get; }

    public void Write(string stream, string text)
    {
        lock (gate)
        {
            if (stream != pendingStream) FlushLocked();
            pendingStream = stream;
            pending.Append(text);
            (stream == "stderr" ? echoErrors : echo)?.Write(text);
        }
    }

    public void Add(JsonObject output)
    {
        lock (gate)
        {
            FlushLocked();
            outputs.Add(output);
        }
    }

    public JsonArray ToJson()
    {
        lock (gate)
        {
            FlushLocked();
            return new JsonArray(outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
        }
    }

    private void FlushLocked()
    {
        if (pending.Length == 0) return;
        outputs.Add(NotebookOutputs.Stream(pendingStream, pending.ToString()));
        pending.Clear();
    }

    private sealed class CapturingWriter(CellOutputCollector owner, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => owner.Write(stream, value.ToString());
        public override void Write(string? value) => owner.Write(stream, value ?? "");
        public override void Write(char[] buffer, int index, int count) => owner.Write(stream, new string(buffer, index, count));
        public override void Write(ReadOnlySpan<char> buffer) => owner.Write(stream, new string(buffer));
        public override void WriteLine(string? value) => owner.Write(stream, (value ?? "") + "\n");
        public override void WriteLine() => owner.Write(stream, "\n");
    }
}

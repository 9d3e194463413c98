using System.Text.Json.Nodes;

namespace Dino.Repro.App.Notebooks;

/// <summary>The nbformat 4 output records: stream, display_data, execute_result, error.</summary>
public static class NotebookOutputs
{
    public static JsonObject Stream(string name, string text) => new()
    {
        ["name"] = name,
        ["output_type"] = "stream",
        ["text"] = NotebookDocument.Lines(text),
    };

    public static JsonObject DisplayData(MimeBundle bundle) => new()
    {
        ["data"] = bundle.ToJson(),
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    public static JsonObject ExecuteResult(int executionCount, MimeBundle bundle) => new()
    {
        ["data"] = bundle.ToJson(),
        ["execution_count"] = executionCount,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "execute_result",
    };

    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback) => new()
    {
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
    };
}

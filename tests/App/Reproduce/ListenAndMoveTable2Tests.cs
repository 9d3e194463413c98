using System.Text.Json.Nodes;
using Dino.Repro.App.Reproduce;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Reproduce;

public class ListenAndMoveTable2Tests
{
    [Fact]
    public void At_smoke_it_drives_the_baseline_and_the_full_model_with_every_unheard_sound_and_reuses_table_1s_runs()
    {
        using var data = new DataRootScope();
        using var output = new Fixtures.TempFolder();
        var (code, _, stderr) = CliRunner.Run("reproduce", ListenAndMoveTable2.TableName, "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr);
        var folder = Path.Combine(output.Root, ListenAndMoveTable2.TableName);
        var kit = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["kit"]!.AsObject();
        Assert.Equal(["Baseline (MfS) — Cello", "DirConvGRU — Cello"], kit.Select(kv => kv.Key).Order());
        Assert.All(kit, kv => Assert.Equal(4, kv.Value!["sounds"]!.GetValue<int>())); // the smoke bank: 4 sounds of 1–5 s
        Assert.All(kit, kv => Assert.True(double.IsFinite(kv.Value!["fid"]!.GetValue<double>())));
        var table = File.ReadAllText(Path.Combine(folder, "table.md"));
        Assert.Contains("| Baseline (MfS) | 320.0 |", table);
        Assert.Contains("| Full Model (DirConvGRU) | 279.0 |", table); // the paper's row name, and which of Table 1's rows it is
        Assert.Contains("<img", File.ReadAllText(Path.Combine(folder, "index.html")));

        // Reproduced again into the same folder after Table 1, it trains nothing: both runs are Table 1's.
        (code, _, stderr) = CliRunner.Run("reproduce", ListenAndMoveTable1.TableName, "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr);
        Directory.Delete(Path.Combine(folder, "runs"), recursive: true);
        (code, var stdout, stderr) = CliRunner.Run("reproduce", ListenAndMoveTable2.TableName, "--preset", "smoke", "--out", output.Root);
        Assert.True(code == 0, stderr);
        Assert.Contains(Path.Combine(ListenAndMoveTable1.TableName, "runs"), stdout + stderr);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")) && Directory.EnumerateDirectories(Path.Combine(folder, "runs")).Any());
    }
}

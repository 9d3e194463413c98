using System.Text.RegularExpressions;
using Dino.Repro.Tests.Torch;

namespace Dino.Repro.Tests.Architecture;

/// <summary>The arbiter of the kit's layering: these read the compiled kit, so any new dependency is seen.</summary>
public class ArchitectureTests
{
    private static readonly Lazy<IReadOnlyList<NamespaceEdge>> Kit = new(DependencyGraph.OfKit);

    private static string Show(NamespaceEdge edge) => $"{edge.From} → {edge.To} ({string.Join(", ", edge.Evidence.Take(4))})";

    [Fact]
    public void No_layer_uses_a_layer_after_it()
    {
        var problems = Kit
            .Value.Select(e => (edge: e, why: Layers.Violation(e)))
            .Where(p => p.why is not null)
            .Select(p => $"{p.why}: {string.Join(", ", p.edge.Evidence.Take(4))}")
            .ToList();
        Assert.True(problems.Count == 0, "layering broken:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void No_two_folders_use_each_other()
    {
        var pairs = Layers.MutualPairs(Kit.Value).Select(p => $"{Show(p.there)}\n  and back: {Show(p.back)}").ToList();
        Assert.True(pairs.Count == 0, "folders that use each other:\n" + string.Join("\n", pairs));
    }

    [Fact]
    public void The_graph_sees_the_kits_known_dependencies()
    {
        // A reader that found nothing would pass the two tests above vacuously.
        var edges = Kit.Value.ToDictionary(e => (e.From, e.To));
        Assert.Contains("Trainer → IExperiment", edges[("Dino.Repro.Training", "Dino.Repro.Models")].Evidence);
        Assert.Contains("Checkpoint → AtomicFile", edges[("Dino.Repro.Training", "Dino.Repro.IO")].Evidence);
        Assert.True(edges.Count > 100, $"only {edges.Count} namespace edges found");
    }

    [Fact]
    public void A_type_named_only_inside_an_attribute_is_a_dependency()
    {
        // The report types name their notebook formatter this way ([TypeFormatterSource(typeof(...))]); read off this
        // test assembly, where the probe below uses its target nowhere else.
        var edges = DependencyGraph.Of(typeof(ArchitectureTests).Assembly.Location);
        var edge = Assert.Single(edges, e =>
            e.From == typeof(Probes.AttributeProbe).Namespace && e.To == typeof(Probes.Targets.AttributeTarget).Namespace
        );
        Assert.Equal(["AttributeProbe → AttributeTarget"], edge.Evidence);
    }

    // The edges the architecture issue found in the old layout, as they would read now: each must be refused.
    [Theory]
    [InlineData("Dino.Repro.Training", "Dino.Repro.App.Reproduce")]
    [InlineData("Dino.Repro.Data.CelebAMaskHq", "Dino.Repro.Training")]
    [InlineData("Dino.Repro.Data.Loading", "Dino.Repro.Models")]
    [InlineData("Dino.Repro.Evaluation.Metrics.Semantic", "Dino.Repro.Models.GridRecogniser")]
    [InlineData("Dino.Repro.Evaluation.Metrics.Semantic", "Dino.Repro.Training")]
    [InlineData("Dino.Repro.Evaluation.Metrics", "Dino.Repro.Data")]
    [InlineData("Dino.Repro.Models.GridRecogniser", "Dino.Repro.Evaluation.Metrics.Semantic")]
    [InlineData("Dino.Repro.Data.Grid", "Dino.Repro.Evaluation.Metrics.Features")]
    [InlineData("Dino.Repro.Models.Dino", "Dino.Repro.Training")]
    [InlineData("Dino.Repro.Evaluation.Metrics.Features", "Dino.Repro.Evaluation.Runs")]
    [InlineData("Dino.Repro.Signal", "Dino.Repro.Vision")]
    [InlineData("Dino.Repro.IO", "Dino.Repro.Torch")]
    [InlineData("Dino.Repro.Torch", "Dino.Repro.Signal")]
    [InlineData("Dino.Repro.Somewhere", "Dino.Repro.IO")]
    public void An_edge_against_the_layers_is_refused(string from, string to) =>
        Assert.NotNull(Layers.Violation(new NamespaceEdge(from, to, ["A → B"])));

    [Theory]
    [InlineData("Dino.Repro.App.Cli", "Dino.Repro.Training")]
    [InlineData("Dino.Repro.Evaluation.ImageToImage", "Dino.Repro.Models.Dino")]
    [InlineData("Dino.Repro.Evaluation.Metrics.Video", "Dino.Repro.Evaluation.Metrics.Image")]
    [InlineData("Dino.Repro.Evaluation.Metrics.Audio", "Dino.Repro.Signal")]
    [InlineData("Dino.Repro.Models.Dino", "Dino.Repro.Data")]
    [InlineData("Dino.Repro.Data.Grid", "Dino.Repro.Data")]
    public void An_edge_down_the_layers_is_allowed(string from, string to) => Assert.Null(Layers.Violation(new NamespaceEdge(from, to, ["A → B"])));

    [Fact]
    public void Two_folders_using_each_other_are_found()
    {
        var pairs = Layers
            .MutualPairs([
                new("Dino.Repro.Data", "Dino.Repro.Data.Grid", ["X → Y"]),
                new("Dino.Repro.Data.Grid", "Dino.Repro.Data", ["Y → X"]),
                new("Dino.Repro.Models", "Dino.Repro.IO", ["Z → W"]),
            ])
            .ToList();
        var (there, back) = Assert.Single(pairs);
        Assert.Equal(("Dino.Repro.Data", "Dino.Repro.Data.Grid"), (there.From, there.To));
        Assert.Equal("Dino.Repro.Data", back.To);
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        // Folders are the layers' units: a file whose namespace is not its folder would escape the rules above.
        var lib = Path.Combine(ErrorsAndMemoryTests.RepoRoot(), "lib");
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(lib, "*.cs", SearchOption.AllDirectories))
        {
            var folder = Path.GetRelativePath(lib, Path.GetDirectoryName(file)!);
            var expected = folder == "." ? "Dino.Repro" : "Dino.Repro." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline);
            if (!declared.Success)
                continue; // global usings, the module initialiser's attributes
            if (declared.Groups[1].Value != expected)
                wrong.Add($"{Path.GetRelativePath(lib, file)}: {declared.Groups[1].Value}, expected {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Dino.Repro.App.Notebooks;

/// <summary>What running one cell gave: its trailing expression's value, or the exception / compile errors that stopped it.</summary>
internal sealed record CellExecution(object? ReturnValue, Exception? Exception, ImmutableArray<Diagnostic> CompileErrors)
{
    public bool Failed => Exception is not null || !CompileErrors.IsDefaultOrEmpty;
}

/// <summary>
/// One Roslyn scripting session: each cell is a submission continuing the previous state, so variables, types
/// and usings carry over, as in a notebook kernel. The kit assembly is referenced as already loaded (one copy,
/// shared statics); each cell is compiled with debug information under its own file path so a runtime error
/// can be traced to its line.
/// </summary>
internal sealed class ScriptSession
{
    /// <summary>What a Polyglot notebook gets from its own first lines; the runner adds it for every notebook.</summary>
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using TorchSharp;
        using static TorchSharp.torch;
        using Dino.Repro.Torch;
        using Dino.Repro.App.Reporting;
        using static Dino.Repro.App.Notebooks.NotebookDisplay;
        """;

    // Reading framework metadata takes a moment; every session (and run) shares the references.
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    private readonly ScriptOptions options;
    private ScriptState<object>? state;

    public ScriptSession(string baseDirectory)
    {
        options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value)
            .AddReferences(typeof(ScriptSession).Assembly, typeof(Tensor).Assembly)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);  // debug information needs the source text's encoding
    }

    /// <summary>The file name of the kit's assembly (dino.dll), which a notebook's #r line names.</summary>
    public static string KitFileName => Path.GetFileName(typeof(ScriptSession).Assembly.Location);

    public async Task<CellExecution> RunAsync(string code, string filePath, CancellationToken cancellation)
    {
        var cellOptions = options.WithFilePath(filePath);
        try
        {
            state ??= await CSharpScript.RunAsync(Prelude, options.WithFilePath("prelude.csx"), cancellationToken: cancellation).ConfigureAwait(false);
            var next = await state.ContinueWithAsync(code, cellOptions, catchException: _ => true, cancellationToken: cancellation).ConfigureAwait(false);
            if (next.Exception is { } exception) return new CellExecution(null, Unwrap(exception), ImmutableArray<Diagnostic>.Empty);
            state = next;
            return new CellExecution(next.ReturnValue, null, ImmutableArray<Diagnostic>.Empty);
        }
        catch (CompilationErrorException e)
        {
            return new CellExecution(null, null, e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        }
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        // The shared framework's assemblies (from the host's trusted platform list), not the app's other dependencies.
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        return trusted
            .Where(p => Path.GetDirectoryName(p) == frameworkFolder)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}

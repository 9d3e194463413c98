using Dino.Repro.Tests.Torch;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Dino.Repro.Tests.Architecture;

/// <summary>
/// TorchSharp 0.107 passes a <c>Scalar</c>'s raw handle to libtorch and keeps no reference to it during the call, so a
/// temporary Scalar (<c>x.sub(1.0)</c> converts 1.0 into one) can be finalised by a garbage collection on another thread
/// while libtorch reads it: CI once failed with "Unknown scalar type" from <c>at::native::sub</c>. The kit therefore
/// never creates a Scalar as a temporary; it passes one that something still holds (<c>Scalars</c>).
/// </summary>
public class ScalarLifetimeTests
{
    [Fact]
    public void No_scalar_is_created_as_a_temporary_the_garbage_collector_may_free_during_a_native_call()
    {
        var offenders = ScalarTemporaries.In(KitCompilation()).ToList();
        Assert.True(
            offenders.Count == 0,
            $"{offenders.Count} temporary Scalar(s); pass a held one (lib/Torch/Scalars.cs) instead:\n" + string.Join("\n", offenders.Take(200))
        );
    }

    [Fact]
    public void No_test_creates_one_either()
    {
        var offenders = ScalarTemporaries.In(TestCompilation()).ToList();
        Assert.True(
            offenders.Count == 0,
            $"{offenders.Count} temporary Scalar(s) in the tests; pass a held one (lib/Torch/Scalars.cs) instead:\n"
                + string.Join("\n", offenders.Take(400))
        );
    }

    [Fact]
    public void The_scanner_finds_implicit_and_explicit_temporaries_and_accepts_held_scalars()
    {
        const string source = """
            using TorchSharp;
            using static TorchSharp.torch;
            static class Probe
            {
                static readonly Scalar Held = 2.0;
                static Tensor Implicit(Tensor x) => x.sub(1.0);
                static Tensor Explicit(Tensor x) => x.mul(3.0.ToScalar());
                static Tensor Operator(Tensor x) => x * 4.0;
                static Tensor Compound(Tensor x) { x += 6; return x; }
                static Tensor Field(Tensor x) => x.mul(Held);
                static Tensor Local(Tensor x) { using Scalar s = 5.0; return x.mul(s); }
                static Tensor Plain(Tensor x) { Scalar s = 7.0; return x.mul(s); }
                static Tensor Left(Tensor x) => 8 - x;
                static Tensor Tensors(Tensor x) => x.mul(x);
            }
            """;
        var compilation = Compile([CSharpSyntaxTree.ParseText(source, Options, "Probe.cs")]);
        var found = ScalarTemporaries.In(compilation).ToList();
        Assert.True(found.Count == 6, string.Join("\n", found));
        Assert.All(found, f => Assert.Equal("Probe.cs", f.Path));
        Assert.Contains(found, f => f.Text == "1.0");
        Assert.Contains(found, f => f.Text == "3.0.ToScalar()");
        Assert.Contains(found, f => f.Text == "4.0");
        Assert.Contains(found, f => f.Text == "6");
        Assert.Contains(found, f => f.Text == "7.0");
        Assert.Contains(found, f => f.Text == "8");
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, preprocessorSymbols: ["DINO_KIT"]);

    /// <summary>The global usings the SDK makes of Dino.Repro.Tests.csproj's &lt;Using&gt; items, read from the project.</summary>
    private static string TestUsings()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(ErrorsAndMemoryTests.RepoRoot(), "tests", "Dino.Repro.Tests.csproj"));
        return string.Concat(
            project
                .Descendants("Using")
                .Select(u => $" global using {(u.Attribute("Static")?.Value == "true" ? "static " : "")}{u.Attribute("Include")!.Value};")
        );
    }

    internal static CSharpCompilation KitCompilation() => Compile(Sources("lib"), "dino", withKit: false);

    internal static CSharpCompilation TestCompilation() => Compile(Sources("tests"), "Dino.Repro.Tests", withKit: true);

    private static List<SyntaxTree> Sources(string folder)
    {
        var root = ErrorsAndMemoryTests.RepoRoot();
        var files = Directory
            .EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        return files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), Options, Path.GetRelativePath(root, file))).ToList();
    }

    private static CSharpCompilation Compile(IReadOnlyList<SyntaxTree> trees, string assemblyName = "Probe", bool withKit = false)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        var references = platform
            .Concat(beside)
            .Where(path => withKit ? !Path.GetFileName(path).StartsWith("Dino.Repro.Tests", StringComparison.Ordinal) : !IsKitOrTests(path))
            .Where(IsManaged)
            .DistinctBy(Path.GetFileName)
            .Select(path => MetadataReference.CreateFromFile(path));
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.IO; global using System.Linq; global using System.Collections.Generic; "
                + "global using System.Threading; global using System.Threading.Tasks; global using System.Net.Http;"
                + (withKit ? TestUsings() : ""),
            Options,
            "GlobalUsings.cs"
        );
        var compilation = CSharpCompilation.Create(
            assemblyName,
            trees.Append(globalUsings),
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true
            )
        );
        // CS8795: a [LibraryImport]/[GeneratedRegex] partial whose other half a source generator writes (not run here).
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").Take(5).ToList();
        Assert.True(errors.Count == 0, "the scan compiles what it reads:\n" + string.Join("\n", errors));
        return compilation;
    }

    private static bool IsKitOrTests(string path) =>
        Path.GetFileName(path).StartsWith("dino", StringComparison.OrdinalIgnoreCase)
        || Path.GetFileName(path).StartsWith("Dino.", StringComparison.Ordinal);

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

/// <summary>A Scalar made where nothing holds it: the expression that becomes it, and where.</summary>
internal sealed record ScalarTemporary(string Path, int Line, int Start, int Length, string Text)
{
    public override string ToString() => $"{Path}:{Line}: {Text}";
}

/// <summary>Every place a Scalar is made and handed on without anything holding it.</summary>
internal static class ScalarTemporaries
{
    public static IEnumerable<ScalarTemporary> In(Compilation compilation)
    {
        var scalar = compilation.GetTypeByMetadataName("TorchSharp.Scalar")!;
        // The holder itself makes the Scalars it keeps.
        foreach (var tree in compilation.SyntaxTrees.Where(t => !t.FilePath.EndsWith("Torch/Scalars.cs", StringComparison.Ordinal)))
        {
            var model = compilation.GetSemanticModel(tree);
            // Each body, initialiser and attribute argument is one operation tree: walk every tree from its root once.
            var roots = tree.GetRoot()
                .DescendantNodes()
                .Select(node => model.GetOperation(node))
                .Where(operation => operation is { Parent: null })
                .Cast<IOperation>();
            foreach (var operation in roots.SelectMany(root => root.DescendantsAndSelf()))
            {
                foreach (var made in Made(operation, scalar))
                {
                    var line = tree.GetLineSpan(made.Span).StartLinePosition.Line + 1;
                    yield return new ScalarTemporary(tree.FilePath, line, made.SpanStart, made.Span.Length, made.ToString());
                }
            }
        }
    }

    /// <summary>The expressions <paramref name="operation"/> turns into Scalars: itself, or an operator's number operands.</summary>
    private static IEnumerable<SyntaxNode> Made(IOperation operation, INamedTypeSymbol scalar) =>
        operation switch
        {
            IConversionOperation { OperatorMethod: { } op } when Is(op.ContainingType, scalar) && !IsHeld(operation) => [operation.Syntax],
            IInvocationOperation call
                when Is(call.Type, scalar) && call.TargetMethod.Name.StartsWith("To", StringComparison.Ordinal) && !IsHeld(call) =>
            [
                operation.Syntax,
            ],
            // TorchSharp's `tensor * 2.0` overloads convert the number inside, into a Scalar nothing holds either.
            IBinaryOperation { OperatorMethod: { } op } binary when IsTorch(op, scalar) => Numbers(binary.LeftOperand, binary.RightOperand),
            ICompoundAssignmentOperation { OperatorMethod: { } op } compound when IsTorch(op, scalar) => Numbers(compound.Value),
            _ => [],
        };

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol scalar) => SymbolEqualityComparer.Default.Equals(type, scalar);

    private static bool IsTorch(IMethodSymbol op, INamedTypeSymbol scalar) =>
        op.ContainingType.ContainingType is { } torch && SymbolEqualityComparer.Default.Equals(torch.ContainingNamespace, scalar.ContainingNamespace);

    private static IEnumerable<SyntaxNode> Numbers(params IOperation[] operands) =>
        operands.Where(o => o.Type?.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double).Select(o => o.Syntax);

    /// <summary>
    /// Held: the Scalar goes into a field or property, or into a <c>using</c> local (disposed after its last use). A plain
    /// local is not held: the JIT ends its life at the last read of its handle, before libtorch is done with it.
    /// </summary>
    private static bool IsUsing(IVariableInitializerOperation initializer)
    {
        var declaration = initializer.Parent;
        while (declaration is IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation)
            declaration = declaration.Parent;
        return declaration is IUsingDeclarationOperation or IUsingOperation;
    }

    private static bool IsHeld(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation)
            parent = parent.Parent;
        return parent switch
        {
            IFieldInitializerOperation or IPropertyInitializerOperation => true,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } assignment => assignment.Value
                == operation,
            IVariableInitializerOperation initializer => IsUsing(initializer),
            _ => false,
        };
    }
}

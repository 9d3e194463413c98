using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dino.Repro.App.Notebooks;

/// <summary>The C# types a parameter may have; a value given on the command line is parsed as its type.</summary>
public enum ParameterType
{
    String,
    Int,
    Long,
    Double,
    Float,
    Bool,
}

/// <summary>A variable declared in a notebook's parameters cell, with its default as written.</summary>
public sealed record DeclaredParameter(string Name, ParameterType Type, string DefaultText);

/// <summary>A parameter that is not declared, or a value that does not parse as the parameter's type.</summary>
public sealed class NotebookParameterException(string message) : ArgumentException(message);

/// <summary>
/// Papermill-style parameters: the cell tagged "parameters" declares variables with defaults
/// (<c>var preset = "smoke";</c>); given values are assigned in an "injected-parameters" cell placed after it.
/// </summary>
public static class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>The top-level variables of a parameters cell, typed by their declaration or (for var) their literal.</summary>
    public static IReadOnlyList<DeclaredParameter> Declared(string parametersCell)
    {
        var root = CSharpSyntaxTree.ParseText(parametersCell, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetCompilationUnitRoot();
        var declared = new List<DeclaredParameter>();
        foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            var topLevel =
                declaration.Parent is FieldDeclarationSyntax { Parent: CompilationUnitSyntax }
                || declaration.Parent is LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax };
            if (!topLevel)
                continue;
            foreach (var variable in declaration.Variables)
            {
                if (TypeOf(declaration.Type, variable.Initializer?.Value) is { } type)
                    declared.Add(new DeclaredParameter(variable.Identifier.Text, type, variable.Initializer?.Value.ToString() ?? ""));
            }
        }
        return declared;
    }

    /// <summary>Parses "name=value" pairs (as given to --param).</summary>
    public static IReadOnlyDictionary<string, string> ParseAssignments(IEnumerable<string> pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new NotebookParameterException($"--param expects name=value, got '{pair}'");
            values[pair[..eq].Trim()] = pair[(eq + 1)..];
        }
        return values;
    }

    /// <summary>The source of the injected cell: one typed assignment per given value.</summary>
    public static string InjectedSource(IReadOnlyList<DeclaredParameter> declared, IReadOnlyDictionary<string, string> values)
    {
        var lines = new List<string> { "// Parameters injected by `dino notebook run --param`" };
        foreach (var (name, text) in values)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new NotebookParameterException($"the notebook has no parameter '{name}' (its parameters cell declares: {Listed(declared)})");
            lines.Add($"{name} = {Literal(parameter, text)};");
        }
        return string.Join('\n', lines) + "\n";
    }

    private static string Literal(DeclaredParameter p, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        string Fail() => throw new NotebookParameterException($"parameter {p.Name} is {p.Type.ToString().ToLowerInvariant()}; '{text}' is not one");
        return p.Type switch
        {
            ParameterType.String => SymbolDisplay.FormatLiteral(text, quote: true),
            ParameterType.Int => int.TryParse(text, NumberStyles.Integer, inv, out var i) ? i.ToString(inv) : Fail(),
            ParameterType.Long => long.TryParse(text, NumberStyles.Integer, inv, out var l) ? l.ToString(inv) + "L" : Fail(),
            ParameterType.Double => double.TryParse(text, NumberStyles.Float, inv, out var d) ? DoubleLiteral(d, "double", "d") : Fail(),
            ParameterType.Float => float.TryParse(text, NumberStyles.Float, inv, out var f) ? DoubleLiteral(f, "float", "f") : Fail(),
            ParameterType.Bool => bool.TryParse(text, out var b) ? (b ? "true" : "false") : Fail(),
            _ => Fail(),
        };
    }

    private static string DoubleLiteral(double value, string type, string suffix)
    {
        if (double.IsNaN(value))
            return $"{type}.NaN";
        if (double.IsInfinity(value))
            return value > 0 ? $"{type}.PositiveInfinity" : $"{type}.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + suffix;
    }

    private static ParameterType? TypeOf(TypeSyntax type, ExpressionSyntax? initializer)
    {
        if (type is PredefinedTypeSyntax predefined)
        {
            return predefined.Keyword.Kind() switch
            {
                SyntaxKind.StringKeyword => ParameterType.String,
                SyntaxKind.IntKeyword => ParameterType.Int,
                SyntaxKind.LongKeyword => ParameterType.Long,
                SyntaxKind.DoubleKeyword => ParameterType.Double,
                SyntaxKind.FloatKeyword => ParameterType.Float,
                SyntaxKind.BoolKeyword => ParameterType.Bool,
                _ => null,
            };
        }
        if (!type.IsVar)
            return null;
        var literal = initializer is PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } negated
            ? negated.Operand
            : initializer;
        return literal switch
        {
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } => ParameterType.String,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } =>
                ParameterType.Bool,
            LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } number => number.Token.Value switch
            {
                int => ParameterType.Int,
                long => ParameterType.Long,
                double => ParameterType.Double,
                float => ParameterType.Float,
                _ => null,
            },
            _ => null,
        };
    }

    private static string Listed(IReadOnlyList<DeclaredParameter> declared) =>
        declared.Count == 0 ? "none" : string.Join(", ", declared.Select(p => $"{p.Name} ({p.Type.ToString().ToLowerInvariant()})"));
}

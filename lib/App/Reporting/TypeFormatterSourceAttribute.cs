namespace Dino.Repro.App.Reporting;

/// <summary>
/// .NET Interactive (Polyglot Notebooks) finds formatters by convention: an attribute with this name whose
/// <c>FormatterSourceType</c> has <c>CreateTypeFormatters()</c>. Declaring it here lets <c>display(table)</c>
/// render HTML in VS Code without the kit referencing .NET Interactive.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = Array.Empty<string>();
}

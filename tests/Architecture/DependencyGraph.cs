using Mono.Cecil;

namespace Dino.Repro.Tests.Architecture;

/// <summary>One namespace using another, with the type pairs that show it ("Trainer → Checkpoint").</summary>
public sealed record NamespaceEdge(string From, string To, IReadOnlyList<string> Evidence);

/// <summary>
/// Which of the kit's namespaces use which, read from the compiled assembly's IL (signatures, fields, attributes and
/// their typeof arguments, generic arguments, and every type, method and field a method body touches), so a
/// dependency counts whether it is written as a using, a qualified name or an inferred type.
/// </summary>
public static class DependencyGraph
{
    private const string Root = "Dino.Repro";

    public static IReadOnlyList<NamespaceEdge> Of(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var edges = new SortedDictionary<(string, string), SortedSet<string>>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = Outermost(type);
            if (!IsKit(from.Namespace))
                continue;
            foreach (var used in UsedBy(type))
                Add(edges, from, used);
        }
        return edges.Select(e => new NamespaceEdge(e.Key.Item1, e.Key.Item2, e.Value.ToList())).ToList();
    }

    /// <summary>The kit assembly the tests run against.</summary>
    public static IReadOnlyList<NamespaceEdge> OfKit() => Of(typeof(Dino.Repro.IO.AtomicFile).Assembly.Location);

    private static bool IsKit(string ns) => ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static void Add(SortedDictionary<(string, string), SortedSet<string>> edges, TypeReference from, TypeReference? used)
    {
        foreach (var target in Flatten(used))
        {
            var to = Outermost(target);
            if (!IsKit(to.Namespace) || to.Namespace == from.Namespace)
                continue;
            if (!edges.TryGetValue((from.Namespace, to.Namespace), out var evidence))
                edges[(from.Namespace, to.Namespace)] = evidence = [];
            evidence.Add($"{from.Name} → {to.Name}");
        }
    }

    // Arrays, by-refs, pointers and generic instances name other types inside them.
    private static IEnumerable<TypeReference> Flatten(TypeReference? type)
    {
        if (type is null || type is GenericParameter)
            yield break;
        if (type is GenericInstanceType generic)
            foreach (var argument in generic.GenericArguments)
            foreach (var t in Flatten(argument))
                yield return t;
        if (type is TypeSpecification specification)
        {
            foreach (var t in Flatten(specification.ElementType))
                yield return t;
            yield break;
        }
        yield return type;
    }

    private static IEnumerable<TypeReference?> UsedBy(TypeDefinition type)
    {
        yield return type.BaseType;
        foreach (var i in type.Interfaces)
            yield return i.InterfaceType;
        foreach (var t in Attributes(type.CustomAttributes))
            yield return t;
        foreach (var field in type.Fields)
        {
            yield return field.FieldType;
            foreach (var t in Attributes(field.CustomAttributes))
                yield return t;
        }
        foreach (var property in type.Properties)
        {
            yield return property.PropertyType;
            foreach (var t in Attributes(property.CustomAttributes))
                yield return t;
        }
        foreach (var method in type.Methods)
        {
            yield return method.ReturnType;
            foreach (var t in Attributes(method.CustomAttributes))
                yield return t;
            foreach (var parameter in method.Parameters)
                yield return parameter.ParameterType;
            if (!method.HasBody)
                continue;
            foreach (var variable in method.Body.Variables)
                yield return variable.VariableType;
            foreach (var instruction in method.Body.Instructions)
            foreach (var t in Operand(instruction.Operand))
                yield return t;
        }
    }

    private static IEnumerable<TypeReference?> Attributes(IEnumerable<CustomAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            yield return attribute.AttributeType;
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                if (argument.Value is TypeReference named)
                    yield return named;
        }
    }

    private static IEnumerable<TypeReference?> Operand(object? operand)
    {
        switch (operand)
        {
            case TypeReference type:
                yield return type;
                break;
            case MethodReference method:
                yield return method.DeclaringType;
                yield return method.ReturnType;
                foreach (var p in method.Parameters)
                    yield return p.ParameterType;
                if (method is GenericInstanceMethod generic)
                    foreach (var a in generic.GenericArguments)
                        yield return a;
                break;
            case FieldReference field:
                yield return field.DeclaringType;
                yield return field.FieldType;
                break;
        }
    }
}

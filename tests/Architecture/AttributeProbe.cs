namespace Dino.Repro.Tests.Architecture.Probes;

/// <summary>Names a type the way .NET Interactive's formatter attribute does, for the dependency reader's test.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NamesTypeAttribute(Type named) : Attribute
{
    public Type Named { get; } = named;
}

/// <summary>Uses <see cref="Targets.AttributeTarget"/> only through its attribute.</summary>
[NamesType(typeof(Targets.AttributeTarget))]
internal sealed class AttributeProbe;

namespace Dino.Repro.Tests.Architecture.Probes.Targets;

/// <summary>What <see cref="AttributeProbe"/> names in its attribute, in a namespace of its own so the use is an edge.</summary>
internal sealed class AttributeTarget;

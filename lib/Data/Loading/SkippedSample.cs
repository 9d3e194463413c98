namespace Dino.Repro.Data.Loading;

/// <summary>One sample a reader left out: the file that identifies it and why it could not be read.</summary>
public sealed record SkippedSample(string File, string Reason);

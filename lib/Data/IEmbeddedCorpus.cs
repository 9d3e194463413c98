using Dino.Repro.IO;

namespace Dino.Repro.Data;

/// <summary>What `dino corpus make` asks of an embedded corpus: a preset, a seed and optional size overrides.</summary>
/// <param name="Count">Number of examples (pairs, utterances, clips…) instead of the preset's.</param>
/// <param name="Size">Side of images/frames in pixels instead of the preset's.</param>
public sealed record EmbeddedCorpusRequest(Preset Preset, long Seed = 0, int? Count = null, int? Size = null);

/// <summary>
/// A corpus the kit makes on the spot, deterministically from a seed, in the on-disk format of the real corpus it
/// stands in for (so the real corpus' reader loads it).
/// </summary>
public interface IEmbeddedCorpus
{
    /// <summary>Registry name, e.g. <c>shapes</c>.</summary>
    string Name { get; }

    /// <summary>The real corpus whose on-disk format it is written in, e.g. <c>celebamask-hq</c>.</summary>
    string StandsFor { get; }

    /// <summary>One line for `dino corpus list`: what it holds and its preset sizes.</summary>
    string Description { get; }

    /// <summary>Writes the corpus under <paramref name="root"/>; returns a one-line summary of what was written.</summary>
    /// <exception cref="ArgumentException">Unknown preset or out-of-range overrides.</exception>
    string Write(string root, EmbeddedCorpusRequest request);
}

using Dino.Repro.IO;

namespace Dino.Repro.Data;

/// <summary>What `dino corpus make` asks of an embedded corpus: a preset, a seed and optional size overrides.</summary>
/// <param name="Count">Number of examples (pairs, utterances, clips…) instead of the preset's.</param>
/// <param name="Size">Side of images/frames in pixels instead of the preset's.</param>
public sealed record EmbeddedCorpusRequest(Preset Preset, long Seed = 0, int? Count = null, int? Size = null);

/// <summary>
/// How the kit makes an embedded corpus on the spot, deterministically from a seed, in the on-disk format of the real
/// corpus it stands in for (so the real corpus' reader loads it).
/// </summary>
/// <param name="StandsFor">The real corpus whose on-disk format it is written in, e.g. <c>celebamask-hq</c>.</param>
/// <param name="Write">
/// Writes the corpus under a folder and returns a one-line summary of what was written; an out-of-range request is an
/// <see cref="ArgumentException"/>.
/// </param>
public sealed record EmbeddedCorpusMaker(string StandsFor, Func<string, EmbeddedCorpusRequest, string> Write);

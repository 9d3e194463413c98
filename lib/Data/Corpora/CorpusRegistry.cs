using Dino.Repro.IO;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The corpora by name, as the metric and experiment registries hold theirs: every reader, listing, check, cache and
/// evaluation that depends on a corpus looks it up here, so a new corpus is one entry in <see cref="BuiltInCorpora"/>
/// plus its reader.
/// </summary>
public static class CorpusRegistry
{
    /// <summary>Real corpora first, then the embedded ones, each in definition order.</summary>
    public static IReadOnlyList<CorpusDefinition> All { get; } = Ordered(BuiltInCorpora.All);

    /// <summary>The corpora the kit makes itself (`dino corpus make`).</summary>
    public static IReadOnlyList<CorpusDefinition> Embedded { get; } = All.Where(c => c.Embedded).ToList();

    public static CorpusDefinition? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The corpus called <paramref name="name"/>; a <see cref="UsageException"/> listing the names otherwise.</summary>
    public static CorpusDefinition Get(string name) => Find(name) ?? throw UsageException.UnknownName("corpus", name, All.Select(c => c.Name));

    /// <summary>The paired view of <paramref name="name"/>; a <see cref="UsageException"/> naming the corpora that have one otherwise.</summary>
    public static PairedCorpusView Paired(string name) =>
        Find(name)?.Paired
        ?? throw new UsageException($"no image-to-image pairs in corpus '{name}' (corpora with pairs: {Names(c => c.Paired is not null)})");

    /// <summary>
    /// The two-class face view of <paramref name="name"/>; a <see cref="UsageException"/> naming the corpora that have one otherwise.
    /// </summary>
    public static Func<int, int, CelebA.CelebAGenderCorpus> Faces(string name) =>
        Find(name)?.Faces
        ?? throw new UsageException($"no two-class faces in corpus '{name}' (corpora with faces: {Names(c => c.Faces is not null)})");

    /// <summary>
    /// The talking-head view of <paramref name="name"/>; a <see cref="UsageException"/> naming the corpora that have one otherwise.
    /// </summary>
    public static Func<Preset, YouTubers.YouTubersOptions, YouTubers.YouTubersCorpus> TalkingHeads(string name) =>
        Find(name)?.TalkingHeads
        ?? throw new UsageException($"no talking heads in corpus '{name}' (corpora with talking heads: {Names(c => c.TalkingHeads is not null)})");

    /// <summary>The folder of sound-video clips of corpus <paramref name="name"/> (made <paramref name="seconds"/> long if embedded).</summary>
    public static string SoundVideos(string name, double seconds)
    {
        var folder = Get(name).SoundVideos
            ?? throw new UsageException($"corpus '{name}' holds no sound-video clips (corpora that do: {Names(c => c.SoundVideos is not null)})");
        return folder(seconds);
    }

    /// <summary>The names of the corpora <paramref name="having"/> selects, for messages.</summary>
    public static string Names(Func<CorpusDefinition, bool> having) => string.Join(", ", All.Where(having).Select(c => c.Name));

    private static IReadOnlyList<CorpusDefinition> Ordered(IReadOnlyList<CorpusDefinition> definitions)
    {
        var repeated = definitions.GroupBy(d => d.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new InvalidOperationException($"corpora defined twice: {string.Join(", ", repeated)}");
        return [.. definitions.Where(d => !d.Embedded), .. definitions.Where(d => d.Embedded)];
    }
}

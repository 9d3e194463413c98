using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.IO;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// One corpus the kit knows, defined once (<see cref="BuiltInCorpora"/>): its name, whether it is real (fetched by a
/// data-script) or embedded (made on the spot in a real corpus' on-disk format), and each view the experiments
/// take of it. A view that does not apply is null.
/// </summary>
public sealed record CorpusDefinition(string Name, string Description)
{
    /// <summary>Real: the on-disk layout its data-script leaves under <see cref="CorpusPaths.ExpectedPath"/>.</summary>
    public string? RealLayout { get; init; }

    /// <summary>Embedded: writes it in the format of the real corpus it stands for (<c>dino corpus make</c>).</summary>
    public EmbeddedCorpusMaker? Maker { get; init; }

    public bool Embedded => Maker is not null;

    /// <summary>"embedded" or "real", as the listings print it.</summary>
    public string Kind => Embedded ? "embedded" : "real";

    /// <summary>What the listings show of its files: the real layout, or the real corpus whose layout an embedded one uses.</summary>
    public string Layout => Maker is { } maker ? $"{maker.StandsFor} layout" : RealLayout ?? "";

    /// <summary>Real: the script that fetches and prepares it.</summary>
    public string? DataScript => Embedded ? null : $"data-scripts/{Name}.sh";

    /// <summary>Real: what its reader finds at a folder (<c>dino corpus prepare</c>'s check), one line; the reader's exception otherwise.</summary>
    public Func<string, string>? Describe { get; init; }

    /// <summary>Real: builds the caches the experiments read (root, data root, progress) and says what they hold; null: none needed.</summary>
    public Func<string, string, TextWriter, string>? BuildCaches { get; init; }

    /// <summary>The label-map → photo view the image-to-image experiments (DINO, pix2pix, BicycleGAN) train and are scored on.</summary>
    public PairedCorpusView? Paired { get; init; }

    /// <summary>
    /// The GRID-layout view (video, speech, transcripts per speaker) of the speech experiments: (speakers, utterances per
    /// speaker) → the corpus; an embedded one is made once under the data root at that size, a real one ignores them.
    /// </summary>
    public Func<int, int, GridCorpus>? Grid { get; init; }

    /// <summary>
    /// The two-class face view of the AC-GAN translation (CelebA's layout, the <c>Male</c> attribute): (images, size) → the
    /// corpus; an embedded one is made once under the data root at that size, a real one ignores them.
    /// </summary>
    public Func<int, int, CelebA.CelebAGenderCorpus>? Faces { get; init; }

    /// <summary>
    /// The talking-head view of the speech-to-face experiments (the YouTubers layout): (preset, reader options) → the
    /// opened corpus; an embedded one is made once under the data root at the preset's size, a real one ignores it.
    /// </summary>
    public Func<Preset, YouTubers.YouTubersOptions, YouTubers.YouTubersCorpus>? TalkingHeads { get; init; }

    /// <summary>
    /// The sound-video view of Listen and Move (single clips with sound, data-scripts/sound-video.sh's layout): seconds per
    /// clip → the folder holding the clips; an embedded one is made once under the data root at that length, a real one
    /// is the data-script's folder.
    /// </summary>
    public Func<double, string>? SoundVideos { get; init; }

    /// <summary>The (image, spoken captions) view of the speech-to-image experiments: (count, size, progress) → the opened corpus.</summary>
    public Func<int, int, IProgress<SpeechProgress>?, SpokenCaptionCorpus>? SpokenCaptions { get; init; }
}

/// <summary>
/// A paired corpus opened for one run: where it is, its sizes, its train split as batches and its test split as pairs
/// read one at a time.
/// </summary>
/// <param name="Root">Its folder; also the cache key of a segmenter trained on it.</param>
/// <param name="Pairs">Pairs in all (train and test).</param>
/// <param name="TrainPairs">Pairs in the training split (the paper preset's epochs are counted in these).</param>
/// <param name="Classes">Label classes of its maps.</param>
/// <param name="TestPairs">The test split at a resolution, in order, each pair loaded when called.</param>
/// <param name="TrainBatches">The train split as shuffled batches (resolution, batch size, seed).</param>
public sealed record PairedCorpus(
    string Name,
    string Root,
    int Pairs,
    int TrainPairs,
    int Classes,
    Func<int, IReadOnlyList<Func<PairedExample>>> TestPairs,
    Func<int, int, long, ShuffledBatches> TrainBatches
)
{
    /// <summary>Its classes' names by label (the report's per-class columns); null: "class 0", "class 1", ….</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}

/// <summary>How a corpus opens as a <see cref="PairedCorpus"/> and as training batches, and what scores translations on it.</summary>
/// <param name="Open">(pairs to make if embedded, resolution) → the corpus, made once under the data root if embedded.</param>
/// <param name="Training">The experiments' training batches: (pairs, resolution, batch size, seed, bad samples, decoded-tensor cache).</param>
/// <param name="PretrainedSegmenter">
/// The paper's segmenter on a real corpus, by its evaluator name ("face-parsing"); null on an embedded one, where the kit
/// trains its own on the corpus' real pairs.
/// </param>
public sealed record PairedCorpusView(
    Func<int, int, PairedCorpus> Open,
    Func<int, int, int, long, BadSamples, DecodedTensorCache?, IBatchSource> Training,
    string? PretrainedSegmenter = null
);

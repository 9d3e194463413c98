using System.Globalization;
using System.Text;
using System.Text.Json;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.SpokenShapes;

/// <summary>How many Spoken shapes images, how large, from which seed.</summary>
public sealed record SpokenShapesOptions(int Count, int Size, long Seed)
{
    public const long DefaultSeed = 0;

    /// <summary>smoke: 24 images at 64² (two per class); cpu: 3000 images at 64².</summary>
    public static SpokenShapesOptions ForPreset(Preset preset, long seed = DefaultSeed) =>
        preset switch
        {
            Preset.Smoke => new SpokenShapesOptions(24, 64, seed),
            Preset.Cpu => new SpokenShapesOptions(3000, 64, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on the real CUB-200 / Oxford-102, not on Spoken shapes (presets: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };
}

/// <summary>
/// The embedded speech-to-image corpus, written in CUB-200's on-disk layout (<see cref="CubLayout"/>) so that
/// <see cref="CubCorpus"/> reads it unchanged: lossless PNGs under <c>CUB_200_2011/images/&lt;class&gt;/</c>, the four
/// tables (the bounding box encloses every object), ten captions per image under <c>cvpr2016_cub/text_c10/</c> and the
/// class lists (9 train, 3 test classes). <c>attributes.txt</c> keeps each scene's words as labels. Speech is added by
/// <see cref="Speak"/> into <c>speech/</c>.
/// </summary>
public static class SpokenShapesCorpus
{
    public const string Name = "spoken-shapes";
    public const string ManifestFile = "spoken-shapes.json";
    public const string AttributesFile = "attributes.txt";
    public const string SpeechFolder = "speech";

    /// <summary>The image key (path under images/ without extension) of example <paramref name="id"/>.</summary>
    public static string KeyOf(int id, int classId)
    {
        var className = SpokenShapesVocabulary.ClassName(classId);
        return string.Create(CultureInfo.InvariantCulture, $"{className}/{className[4..]}_{id:D5}");
    }

    /// <summary>Writes images, tables, captions and class lists under <paramref name="root"/>; returns the CUB reader on it.</summary>
    public static CubCorpus Write(string root, SpokenShapesOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Count, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Size, 16);
        var images = CubLayout.ImagesRoot(root);
        var captions = CubLayout.CaptionsRoot(root);
        var tables = new Dictionary<string, StringBuilder>
        {
            [CubLayout.ImagesFile] = new(),
            [CubLayout.ImageClassLabelsFile] = new(),
            [CubLayout.BoundingBoxesFile] = new(),
            [AttributesFile] = new(),
        };
        for (var id = 0; id < options.Count; id++)
        {
            var scene = SpokenShapesImage.Render(options.Seed, id, options.Size);
            var classId = scene.Description.ClassId;
            var key = KeyOf(id, classId);
            using (var photo = torch.tensor(scene.Photo, [options.Size, options.Size, 3]))
                ImageIO.Write(Path.Combine(images, CubLayout.ImageFolder, key + ".png"), photo);
            CaptionFile.Write(CubLayout.CaptionPath(root, key), SpokenShapesCaptions.For(scene.Description));
            var cubId = id + 1;
            var box = scene.BoundingBox;
            tables[CubLayout.ImagesFile].Append(CultureInfo.InvariantCulture, $"{cubId} {key}.png\n");
            tables[CubLayout.ImageClassLabelsFile].Append(CultureInfo.InvariantCulture, $"{cubId} {classId + 1}\n");
            tables[CubLayout.BoundingBoxesFile]
                .Append(CultureInfo.InvariantCulture, $"{cubId} {box.X:F1} {box.Y:F1} {box.Width:F1} {box.Height:F1}\n");
            tables[AttributesFile].Append(CultureInfo.InvariantCulture, $"{cubId} {scene.Description.AttributeLine}\n");
        }
        foreach (var (file, text) in tables)
            AtomicFile.WriteAllText(file == AttributesFile ? Path.Combine(root, file) : Path.Combine(images, file), text.ToString());
        var classes = Enumerable.Range(0, SpokenShapesVocabulary.ClassCount).ToArray();
        AtomicFile.WriteAllText(
            Path.Combine(images, CubLayout.ClassesFile),
            string.Concat(classes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c + 1} {SpokenShapesVocabulary.ClassName(c)}\n")))
        );
        ClassListFile.Write(
            Path.Combine(captions, ClassListFile.TrainFile),
            classes.Except(SpokenShapesVocabulary.TestClasses).Select(SpokenShapesVocabulary.ClassName)
        );
        ClassListFile.Write(
            Path.Combine(captions, ClassListFile.TestFile),
            SpokenShapesVocabulary.TestClasses.Select(SpokenShapesVocabulary.ClassName)
        );
        WriteManifest(root, options);
        return new CubCorpus(root);
    }

    /// <summary>The speech cache of a written corpus: <c>&lt;root&gt;/speech</c>.</summary>
    public static SpokenCaptionCache SpeechCache(string root, IReadOnlyList<Signal.Speech.SpeechVoice>? voices = null) =>
        new(Path.Combine(root, SpeechFolder), voices);

    /// <summary>Speaks the captions of a written corpus (only those not spoken yet).</summary>
    public static SpeechPrepareReport Speak(
        string root,
        IProgress<SpeechProgress>? progress = null,
        IReadOnlyList<Signal.Speech.SpeechVoice>? voices = null
    ) => new SpokenCaptionCorpus(new CubCorpus(root), SpeechCache(root, voices)).Prepare(progress);

    private static void WriteManifest(string root, SpokenShapesOptions options)
    {
        var manifest = new
        {
            corpus = Name,
            layout = "CUB-200-2011 + Reed et al. text_c10",
            count = options.Count,
            size = options.Size,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            classes = Enumerable.Range(0, SpokenShapesVocabulary.ClassCount).Select(SpokenShapesVocabulary.ClassName),
            test_classes = SpokenShapesVocabulary.TestClasses.Select(SpokenShapesVocabulary.ClassName),
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, ManifestFile),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>`dino corpus make spoken-shapes`: the images and captions, then their speech; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = SpokenShapesOptions.ForPreset(request.Preset, request.Seed);
        options = options with { Count = request.Count ?? options.Count, Size = request.Size ?? options.Size };
        if (options.Count < 1 || options.Size < 16)
            throw new ArgumentException($"--count must be ≥ 1 and --size ≥ 16 (got {options.Count}, {options.Size})");
        var corpus = SpokenShapesCorpus.Write(root, options);
        var speech = SpokenShapesCorpus.Speak(root, new SpeechPercentProgress(Console.Error));
        return $"wrote {options.Count} Spoken shapes images at {options.Size}² (seed {options.Seed}) to {corpus.Root}: "
            + $"{corpus.Images(CaptionSplit.Train).Count} train, {corpus.Images(CaptionSplit.Test).Count} test; "
            + $"{speech.Synthesized} utterances spoken, {speech.Reused} reused";
    }
}

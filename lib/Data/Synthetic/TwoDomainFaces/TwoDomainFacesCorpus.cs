using System.Globalization;
using System.Text.Json;
using Dino.Repro.Data.CelebA;
using Dino.Repro.IO;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>
/// The embedded two-domain face corpus, standing in for CelebA's gender split (Dong et al.'s unsupervised translation):
/// voice-faces heads drawn in a female-like domain (long hair, lipstick, thin brows) or a male-like one (short hair, a
/// beard or stubble, heavy brows), with yaw, roll, mouth, gaze, backdrop and position drawn independently of the domain.
/// Written in aligned CelebA's layout — <c>img_align_celeba/000001.jpg …</c> (JPEG, 178×218 unless --size sets the
/// width) and <c>list_attr_celeba.txt</c> with all 40 attributes (Male, and the beard, lipstick and open-mouth ones the
/// drawing implies; the rest −1) — so <see cref="CelebAGenderCorpus"/> reads it unchanged; the factors go to
/// <see cref="TwoDomainFacesFactors.FileName"/>.
/// </summary>
public static class TwoDomainFacesCorpus
{
    public const string Name = "two-domain-faces";
    public const string ManifestFile = "two-domain-faces.json";

    // Bumped whenever the drawing changes, so made-once folders of the old drawing are not reused.
    private const string Version = "v1";

    /// <summary>Writes the corpus under <paramref name="root"/> (created if needed), the manifest last; returns it as a reader.</summary>
    public static CelebAGenderCorpus Write(string root, TwoDomainFacesOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = Directory.CreateDirectory(Path.Combine(root, CelebAGenderCorpus.ImageFolder)).FullName;
        var scenes = new TwoDomainFaceScene[options.Count];
        for (var index = 0; index < options.Count; index++)
        {
            var scene = TwoDomainFaceScene.Sample(options.Seed, index);
            using var image = scene.Render(options.Width, options.Height).ToTensor();
            ImageIO.Write(Path.Combine(folder, scene.Face.File), image);
            scenes[index] = scene;
        }
        CelebAAttributes.Write(
            Path.Combine(root, CelebAGenderCorpus.AttributesFile),
            CelebAAttributes.CelebANames,
            scenes.Select(s => s.Face.File).ToArray(),
            i => AttributesOf(scenes[i])
        );
        TwoDomainFacesFactors.Write(root, scenes.Select(s => s.Face));
        WriteManifest(root, options);
        return new CelebAGenderCorpus(root);
    }

    // The CelebA attributes the drawing shows: a beard counts from the stubble's opacity up (0.3).
    private static HashSet<string> AttributesOf(TwoDomainFaceScene scene)
    {
        var traits = scene.TraitsIn(scene.Face.ClassId);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (scene.Face.ClassId == CelebAGenderCorpus.Male)
            set.Add(CelebAGenderCorpus.GenderAttribute);
        set.UnionWith(traits.Beard > 0.3 ? ["Goatee", "Mustache"] : ["No_Beard"]);
        if (traits.Lipstick > 0)
            set.Add("Wearing_Lipstick");
        if (scene.Face.Mouth >= 0.5)
            set.Add("Mouth_Slightly_Open");
        return set;
    }

    private static void WriteManifest(string root, TwoDomainFacesOptions options)
    {
        var manifest = new
        {
            corpus = Name,
            layout = "CelebA (img_align_celeba, list_attr_celeba.txt)",
            version = Version,
            count = options.Count,
            width = options.Width,
            height = options.Height,
            seed = options.Seed.ToString(CultureInfo.InvariantCulture),
            factors = TwoDomainFacesFactors.FileName,
        };
        AtomicFile.WriteAllText(
            Path.Combine(root, ManifestFile),
            JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true })
        );
    }

    /// <summary>
    /// The seed and image size a corpus folder was drawn with, from the manifest <see cref="WriteManifest"/> wrote: what
    /// drawing its faces again (in the other domain) needs. An error names the folder or the manifest when it is missing or
    /// damaged.
    /// </summary>
    public static (long Seed, int Width, int Height) ReadManifest(string root)
    {
        var manifest = Path.Combine(root, ManifestFile);
        if (!File.Exists(manifest))
            throw new InvalidOperationException($"{root} is not the embedded two-domain corpus (no {ManifestFile})");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var seed = long.Parse(json.RootElement.GetProperty("seed").GetString()!, CultureInfo.InvariantCulture);
            return (seed, json.RootElement.GetProperty("width").GetInt32(), json.RootElement.GetProperty("height").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{manifest}: not a two-domain faces manifest with seed, width and height ({e.Message})", e);
        }
    }

    /// <summary>`dino corpus make two-domain-faces`: --count sets the number of images, --size their width; returns what was written.</summary>
    public static string Make(string root, EmbeddedCorpusRequest request)
    {
        var options = TwoDomainFacesOptions.For(request);
        var corpus = Write(root, options);
        var train = corpus.Images(CelebAGenderSplit.Train);
        var test = corpus.Images(CelebAGenderSplit.Test);
        string Classes(IReadOnlyList<CelebAGenderImage> images) =>
            $"{images.Count(i => i.ClassId == CelebAGenderCorpus.Female)} female + {images.Count(i => i.ClassId == CelebAGenderCorpus.Male)} male";
        return $"wrote {options.Count} two-domain faces at {options.Width}×{options.Height} (seed {options.Seed}) to {corpus.Root}: "
            + $"{train.Count} train ({Classes(train)}), {test.Count} test ({Classes(test)})";
    }

    /// <summary>
    /// The corpus of <paramref name="count"/> faces <paramref name="width"/> wide from the kit's seed (0), made once under the
    /// data root and keyed by the drawing's version, the seed, the count and the width; experiments open it here.
    /// </summary>
    public static CelebAGenderCorpus MadeOnce(int count, int width = TwoDomainFacesOptions.CelebAWidth)
    {
        var options = new TwoDomainFacesOptions(count, width, Seed: 0);
        options.Validate();
        var root = Path.Combine(KitPaths.DataRoot(), Name, $"{Version}-seed{options.Seed}-n{count}-{width}px");
        MadeOnceFolder.Ensure(root, ManifestFile, folder => Write(folder, options));
        return new CelebAGenderCorpus(root);
    }
}

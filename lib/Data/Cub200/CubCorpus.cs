using Dino.Repro.Data.SpokenCaptions;

namespace Dino.Repro.Data.Cub200;

/// <summary>
/// Reads CUB-200-2011 with Reed et al.'s captions (layout: <see cref="CubLayout"/>): every image with its 0-based class
/// (classes.txt id − 1), bounding box and ten captions, split by class with Reed's trainvalclasses.txt (150 classes,
/// 8,855 images) / testclasses.txt (50 classes, 2,933 images) — the split of StackGAN and of the speech-to-image paper.
/// Everything is checked when the reader is made, so a missing image or caption file, or a malformed table row, is
/// reported then, naming the file.
/// </summary>
public sealed class CubCorpus : ICaptionedImageCorpus
{
    private readonly CaptionedImage[] images;
    private readonly ClassSplits splits;

    /// <param name="root">The folder holding <c>CUB_200_2011/</c> and <c>cvpr2016_cub/</c> (the data-script's raw folder).</param>
    public CubCorpus(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        foreach (var folder in new[] { CubLayout.ImagesRoot(Root), CubLayout.CaptionsRoot(Root) })
        {
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException(
                    $"not a CUB-200 folder: {folder} is missing (data-scripts/cub-200.sh unpacks both archives there)"
                );
        }
        ClassNames = ReadClasses(Root);
        images = ReadImages(Root, ClassNames);
        splits = ClassSplits.Read(CubLayout.CaptionsRoot(Root), ClassNames);
    }

    /// <summary>The real corpus where its data-script put it.</summary>
    public static CubCorpus OpenDefault()
    {
        var path = CorpusPaths.ExpectedPath(CubLayout.CorpusName);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException(
                $"{CubLayout.CorpusName} is not at {path}; fetch it with data-scripts/cub-200.sh (or set DINO_DATA)"
            );
        return new CubCorpus(path);
    }

    public string Root { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public IReadOnlyList<CaptionedImage> All => images;

    public IReadOnlyList<CaptionedImage> Images(CaptionSplit split) => images.Where(i => splits.Contains(split, i.ClassName)).ToArray();

    /// <summary>How many classes a split has.</summary>
    public int ClassCount(CaptionSplit split) => splits.Count(split);

    // classes.txt ids must be 1..N without gaps, so that id − 1 indexes ClassNames.
    private static string[] ReadClasses(string root)
    {
        var path = CubLayout.Table(root, CubLayout.ClassesFile);
        var rows = IdTable.Read(path, 1);
        var names = new string[rows.Count];
        foreach (var (id, row) in rows)
        {
            if (id > names.Length)
                throw new InvalidDataException($"{Path.GetFullPath(path)}: class ids must run 1..{names.Length}, found {id}");
            names[id - 1] = row[0];
        }
        return names;
    }

    private static CaptionedImage[] ReadImages(string root, IReadOnlyList<string> classNames)
    {
        var imagesPath = CubLayout.Table(root, CubLayout.ImagesFile);
        var labelsPath = CubLayout.Table(root, CubLayout.ImageClassLabelsFile);
        var boxesPath = CubLayout.Table(root, CubLayout.BoundingBoxesFile);
        var paths = IdTable.Read(imagesPath, 1, restIsOneField: true);
        var labels = IdTable.Read(labelsPath, 1);
        var boxes = IdTable.Read(boxesPath, 4);
        return paths
            .OrderBy(kv => kv.Key)
            .Select(kv =>
            {
                var (id, relative) = (kv.Key, kv.Value[0]);
                if (!labels.TryGetValue(id, out var label))
                    throw new InvalidDataException($"{Path.GetFullPath(labelsPath)}: no class for image id {id}");
                if (!boxes.TryGetValue(id, out var box))
                    throw new InvalidDataException($"{Path.GetFullPath(boxesPath)}: no bounding box for image id {id}");
                var classId = IdTable.Int(labelsPath, id, label, 0);
                if (classId < 1 || classId > classNames.Count)
                    throw new InvalidDataException(
                        $"{Path.GetFullPath(labelsPath)}: image id {id} has class {classId}, but classes.txt has 1..{classNames.Count}"
                    );
                var imagePath = Path.Combine(CubLayout.ImagesRoot(root), CubLayout.ImageFolder, relative);
                if (!File.Exists(imagePath))
                    throw new FileNotFoundException($"image {id} listed in {Path.GetFullPath(imagesPath)} not found: {imagePath}", imagePath);
                var key = Path.ChangeExtension(relative, null).Replace('\\', '/');
                var bbox = new PixelBox(
                    IdTable.Number(boxesPath, id, box, 0),
                    IdTable.Number(boxesPath, id, box, 1),
                    IdTable.Number(boxesPath, id, box, 2),
                    IdTable.Number(boxesPath, id, box, 3)
                );
                return new CaptionedImage(
                    key,
                    imagePath,
                    classId - 1,
                    classNames[classId - 1],
                    CaptionFile.Read(CubLayout.CaptionPath(root, key)),
                    bbox
                );
            })
            .ToArray();
    }
}

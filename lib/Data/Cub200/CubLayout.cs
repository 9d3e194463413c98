namespace Dino.Repro.Data.Cub200;

/// <summary>
/// Where data-scripts/cub-200.sh unpacks CUB-200-2011 (into <c>&lt;data root&gt;/cub-200/raw</c>): Caltech's archive as
/// <c>CUB_200_2011/</c> (images.txt, image_class_labels.txt, classes.txt, bounding_boxes.txt, images/&lt;class&gt;/&lt;file&gt;.jpg)
/// and Reed et al.'s captions as <c>cvpr2016_cub/</c> (text_c10/&lt;class&gt;/&lt;file&gt;.txt, trainvalclasses.txt, testclasses.txt).
/// The embedded Spoken shapes corpus is written in the same layout.
/// </summary>
public static class CubLayout
{
    public const string CorpusName = "cub-200";
    public const string ImagesArchiveFolder = "CUB_200_2011";
    public const string CaptionsArchiveFolder = "cvpr2016_cub";
    public const string ImagesFile = "images.txt";
    public const string ImageClassLabelsFile = "image_class_labels.txt";
    public const string ClassesFile = "classes.txt";
    public const string BoundingBoxesFile = "bounding_boxes.txt";
    public const string ImageFolder = "images";
    public const string CaptionFolder = "text_c10";

    public static string ImagesRoot(string root) => Path.Combine(root, ImagesArchiveFolder);

    public static string CaptionsRoot(string root) => Path.Combine(root, CaptionsArchiveFolder);

    public static string Table(string root, string file) => Path.Combine(ImagesRoot(root), file);

    /// <summary>The caption file of an image key (its images.txt path without extension).</summary>
    public static string CaptionPath(string root, string key) => Path.Combine(CaptionsRoot(root), CaptionFolder, key + ".txt");
}

using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>A detection: the box in pixels and the cascade's level weight (larger = more confident).</summary>
public readonly record struct FaceBox(int X, int Y, int Width, int Height, double Weight)
{
    public int CenterX => X + Width / 2;
    public int CenterY => Y + Height / 2;
}

/// <summary>
/// Frontal-face detection with an OpenCV Haar cascade (Viola–Jones), as the speech-to-face and GRID preprocessing
/// use it. The cascades come with Debian's opencv-data package.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    /// <summary>The cascade used when none is named.</summary>
    public const string DefaultCascade = "haarcascade_frontalface_default.xml";

    /// <summary>Where cascades are looked up by name: DINO_HAARCASCADES (if set), then the usual install folders.</summary>
    public static IReadOnlyList<string> CascadeFolders
    {
        get
        {
            var folders = new List<string>();
            var fromEnv = Environment.GetEnvironmentVariable("DINO_HAARCASCADES");
            if (!string.IsNullOrEmpty(fromEnv))
                folders.Add(fromEnv);
            folders.AddRange(["/usr/share/opencv4/haarcascades", "/usr/share/opencv/haarcascades", "/usr/local/share/opencv4/haarcascades"]);
            return folders;
        }
    }

    private CascadeClassifier? classifier;

    private FaceDetector(CascadeClassifier classifier, string cascadePath)
    {
        this.classifier = classifier;
        CascadePath = cascadePath;
    }

    public string CascadePath { get; }

    /// <summary>The full path of a cascade given by file name (looked up in <see cref="CascadeFolders"/>) or by path.</summary>
    public static string FindCascade(string nameOrPath = DefaultCascade)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (nameOrPath.Contains('/'))
            return VisionNative.ExistingFile(nameOrPath, "Haar cascade");
        foreach (var folder in CascadeFolders)
        {
            var candidate = Path.Combine(folder, nameOrPath);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException(
            $"Haar cascade '{nameOrPath}' not found in {string.Join(", ", CascadeFolders)}: install OpenCV's cascades "
                + "(Debian/Ubuntu: apt-get install opencv-data) or set DINO_HAARCASCADES to the folder holding them",
            nameOrPath
        );
    }

    /// <summary>Loads a cascade by file name or path (the frontal-face default when null).</summary>
    public static FaceDetector Load(string? cascade = null)
    {
        var path = FindCascade(cascade ?? DefaultCascade);
        var classifier = new CascadeClassifier();
        try
        {
            bool loaded;
            try
            {
                loaded = classifier.Load(path);
            }
            catch (OpenCVException e)
            {
                throw VisionNative.Invalid(
                    path,
                    $"cascade file {VisionNative.Quoted(path)} could not be loaded as an OpenCV Haar cascade: {VisionNative.Describe(e)}",
                    e
                );
            }
            VisionNative.Check(
                loaded && !classifier.Empty(),
                path,
                $"cascade file {VisionNative.Quoted(path)} could not be loaded as an OpenCV Haar cascade"
            );
            return new FaceDetector(classifier, path);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Detects faces in a uint8 [H,W,3] RGB (or [H,W,1] gray) image. <paramref name="scaleFactor"/> is the pyramid
    /// step, <paramref name="minNeighbors"/> how many overlapping hits a face needs, <paramref name="minSize"/> and
    /// <paramref name="maxSize"/> (0 = no limit) bound the face size in pixels; <paramref name="equalize"/>
    /// equalises the gray histogram first (OpenCV's usual recipe).
    /// </summary>
    public FaceBox[] Detect(Tensor image, double scaleFactor = 1.1, int minNeighbors = 3, int minSize = 30, int maxSize = 0, bool equalize = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dtype != ScalarType.Byte || image.dim() != 3)
            throw new ArgumentException(
                $"face detection takes a uint8 [H,W,C] image, got {image.dtype.TorchName()} [{string.Join(",", image.shape)}]",
                nameof(image)
            );
        if (!(scaleFactor > 1.0))
            throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "the scale factor must exceed 1");
        var channels = image.size(2);
        if (channels is not (1 or 3 or 4))
            throw new ArgumentException($"face detection takes 1 (gray), 3 (RGB) or 4 (RGBA) channels, got {channels}", nameof(image));
        if (image.numel() == 0)
            throw new ArgumentException($"cannot detect faces in an empty image [{string.Join(",", image.shape)}]", nameof(image));
        var cascade = Classifier;
        using var scope = torch.NewDisposeScope();
        var t = image.detach().cpu().contiguous();
        using var source = OpenCvTensors.Header(t, "face detection");
        using var gray = new Mat();
        if (channels == 1)
            source.CopyTo(gray);
        else
            Cv2.CvtColor(source, gray, channels == 3 ? ColorConversionCodes.RGB2GRAY : ColorConversionCodes.RGBA2GRAY);
        if (equalize)
            Cv2.EqualizeHist(gray, gray);
        // outputRejectLevels gives each box the final stage's sum, the confidence MostConfident ranks by.
        var boxes = cascade.DetectMultiScale(
            gray,
            out _,
            out var weights,
            scaleFactor,
            minNeighbors,
            0,
            new OpenCvSharp.Size(minSize, minSize),
            maxSize > 0 ? new OpenCvSharp.Size(maxSize, maxSize) : new OpenCvSharp.Size(),
            outputRejectLevels: true
        );
        var result = new FaceBox[boxes.Length];
        for (var i = 0; i < boxes.Length; i++)
            result[i] = new FaceBox(boxes[i].X, boxes[i].Y, boxes[i].Width, boxes[i].Height, i < weights.Length ? weights[i] : 0.0);
        return result;
    }

    /// <summary>The detection with the largest level weight (the "most confident face per frame"), or null.</summary>
    public FaceBox? MostConfident(Tensor image, double scaleFactor = 1.1, int minNeighbors = 3, int minSize = 30, int maxSize = 0) =>
        Detect(image, scaleFactor, minNeighbors, minSize, maxSize) is { Length: > 0 } boxes ? boxes.MaxBy(b => b.Weight) : null;

    private CascadeClassifier Classifier => classifier ?? throw new ObjectDisposedException(nameof(FaceDetector));

    public void Dispose() => Interlocked.Exchange(ref classifier, null)?.Dispose();
}

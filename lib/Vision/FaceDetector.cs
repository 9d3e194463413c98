using Dino.Repro.Torch;
using Dino.Repro.Torch.Native;

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
            if (!string.IsNullOrEmpty(fromEnv)) folders.Add(fromEnv);
            folders.AddRange(["/usr/share/opencv4/haarcascades", "/usr/share/opencv/haarcascades", "/usr/local/share/opencv4/haarcascades"]);
            return folders;
        }
    }

    private IntPtr handle;

    private FaceDetector(IntPtr handle, string cascadePath)
    {
        this.handle = handle;
        CascadePath = cascadePath;
    }

    ~FaceDetector() => Release();

    public string CascadePath { get; }

    /// <summary>The full path of a cascade given by file name (looked up in <see cref="CascadeFolders"/>) or by path.</summary>
    public static string FindCascade(string nameOrPath = DefaultCascade)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (nameOrPath.Contains('/')) return VisionNative.ExistingFile(nameOrPath, "Haar cascade");
        foreach (var folder in CascadeFolders)
        {
            var candidate = Path.Combine(folder, nameOrPath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"Haar cascade '{nameOrPath}' not found in {string.Join(", ", CascadeFolders)}: install OpenCV's cascades " +
            "(Debian/Ubuntu: apt-get install opencv-data) or set DINO_HAARCASCADES to the folder holding them", nameOrPath);
    }

    /// <summary>Loads a cascade by file name or path (the frontal-face default when null).</summary>
    public static FaceDetector Load(string? cascade = null)
    {
        var path = FindCascade(cascade ?? DefaultCascade);
        return new FaceDetector(VisionNative.CheckFile(LibTorch.dn_cascade_load(path), path), path);
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
            throw new ArgumentException($"face detection takes a uint8 [H,W,C] image, got {image.dtype.TorchName()} [{string.Join(",", image.shape)}]", nameof(image));
        using var boxes = new Tensor(LibTorch.dn_cascade_detect(Handle, image.Handle, scaleFactor, minNeighbors, minSize, maxSize, equalize ? 1 : 0), attachToScope: false);
        var values = boxes.ToArray<double>();
        var result = new FaceBox[values.Length / 5];
        for (var i = 0; i < result.Length; i++)
            result[i] = new FaceBox((int)values[5 * i], (int)values[5 * i + 1], (int)values[5 * i + 2], (int)values[5 * i + 3], values[5 * i + 4]);
        return result;
    }

    /// <summary>The detection with the largest level weight (the "most confident face per frame"), or null.</summary>
    public FaceBox? MostConfident(Tensor image, double scaleFactor = 1.1, int minNeighbors = 3, int minSize = 30, int maxSize = 0) =>
        Detect(image, scaleFactor, minNeighbors, minSize, maxSize) is { Length: > 0 } boxes ? boxes.MaxBy(b => b.Weight) : null;

    private IntPtr Handle => handle != IntPtr.Zero ? handle : throw new ObjectDisposedException(nameof(FaceDetector));

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
        if (h != IntPtr.Zero) LibTorch.dn_cascade_free(h);
    }
}

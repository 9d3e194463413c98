namespace Dino.Repro.Data.SoundVideo;

/// <summary>A crop rectangle in source pixels, given as Listen and Move's <c>--crop left,top,right,bottom</c>.</summary>
public sealed record CropBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;
    public int Height => Bottom - Top;

    /// <summary>The largest centred square of a <paramref name="width"/>×<paramref name="height"/> frame.</summary>
    public static CropBox CentredSquare(int width, int height)
    {
        var side = Math.Min(width, height);
        var left = (width - side) / 2;
        var top = (height - side) / 2;
        return new CropBox(left, top, left + side, top + side);
    }

    /// <summary>
    /// Parses "left,top,right,bottom" (Listen and Move's --crop); empty or blank gives null (the centred square). A malformed
    /// or empty box is a <see cref="FormatException"/> saying what was given.
    /// </summary>
    public static CropBox? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split(',');
        var values = new int[parts.Length];
        var ok = parts.Length == 4;
        for (var i = 0; ok && i < 4; i++)
            ok = int.TryParse(
                parts[i].Trim(),
                System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture,
                out values[i]
            );
        if (!ok)
            throw new FormatException($"a crop is left,top,right,bottom in pixels (e.g. 650,400,1250,1000), got '{text}'");
        var box = new CropBox(values[0], values[1], values[2], values[3]);
        if (box.Left < 0 || box.Top < 0 || box.Width <= 0 || box.Height <= 0)
            throw new FormatException($"crop '{text}' is empty or starts left of or above the frame");
        return box;
    }

    /// <summary>Throws when the box is empty or leaves a <paramref name="width"/>×<paramref name="height"/> frame.</summary>
    public void CheckInside(int width, int height, string source)
    {
        if (Left < 0 || Top < 0 || Right > width || Bottom > height || Width <= 0 || Height <= 0)
            throw new ArgumentException($"{source}: crop [{Left},{Top},{Right},{Bottom}] does not lie inside its {width}×{height} frames");
    }
}

/// <summary>
/// How a single sound-to-video clip is read (Listen and Move): frames sampled at the features' frame rate (20 fps),
/// cropped (a centred square when <see cref="Crop"/> is null) and resized to <see cref="Size"/>²; one sound descriptor
/// per frame (<see cref="SoundFeatures"/>); the first <see cref="TrainFraction"/> of the frames train, the rest
/// validate; clips of <see cref="ClipLength"/> consecutive frames.
/// </summary>
public sealed record SoundVideoOptions(
    int Size = 256,
    CropBox? Crop = null,
    int ClipLength = 32,
    double TrainFraction = 0.8,
    SoundFeatureOptions? Features = null
)
{
    public SoundFeatureOptions EffectiveFeatures => Features ?? new SoundFeatureOptions();

    public void Validate()
    {
        if (Size < 1)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, "the frame size must be positive");
        if (ClipLength < 1)
            throw new ArgumentOutOfRangeException(nameof(ClipLength), ClipLength, "a clip holds at least one frame");
        if (!(TrainFraction > 0 && TrainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(TrainFraction), TrainFraction, "the train fraction lies in (0, 1)");
        EffectiveFeatures.Validate();
    }
}

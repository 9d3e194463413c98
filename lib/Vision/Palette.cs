namespace Dino.Repro.Vision;

/// <summary>
/// An 8-bit RGB colour: of a label palette, or of procedurally drawn images (see <see cref="Canvas"/>), where it is
/// shaded, mixed and made from a hue.
/// </summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>
    /// The colour of components <paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/> in [0, 1] (clamped, rounded to 8 bits).
    /// </summary>
    public static Rgb FromUnit(double r, double g, double b) => new(ToByte(255 * r), ToByte(255 * g), ToByte(255 * b));

    /// <summary>
    /// A fully saturated colour of hue <paramref name="hue"/> ∈ [0, 1) at value <paramref name="value"/> ∈ [0, 1] (HSV with S = 1).
    /// </summary>
    public static Rgb FromHue(double hue, double value = 1)
    {
        double Channel(double shift) => value * Math.Clamp(Math.Abs((hue * 6 + shift) % 6 - 3) - 1, 0, 1);
        return FromUnit(Channel(0), Channel(4), Channel(2));
    }

    /// <summary>ITU-R BT.601 luma in 0..255, the grey level OpenCV's RGB→grey conversion gives.</summary>
    public double Luma => 0.299 * R + 0.587 * G + 0.114 * B;

    /// <summary>This colour scaled by <paramref name="factor"/> (darker below 1), clamped to 0..255.</summary>
    public Rgb Scale(double factor) => new(ToByte(R * factor), ToByte(G * factor), ToByte(B * factor));

    /// <summary>The colour a fraction <paramref name="t"/> of the way from this one to <paramref name="other"/>.</summary>
    public Rgb Mix(Rgb other, double t) => new(ToByte(R + t * (other.R - R)), ToByte(G + t * (other.G - G)), ToByte(B + t * (other.B - B)));

    public override string ToString() => $"({R},{G},{B})";

    /// <summary>A channel value in 0..255 rounded to the nearest byte (clamped).</summary>
    internal static byte ToByte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}

/// <summary>
/// The colours of a segmentation label set: class i is drawn as <see cref="Colors"/>[i]. Several classes may
/// share a colour (symmetric palettes); a colour then reads back as the lowest such class. Extra
/// <see cref="IgnoreColors"/> read back as <see cref="LabelMap.Ignore"/> (e.g. Cityscapes' non-training classes).
/// </summary>
public sealed class Palette
{
    public Palette(string name, IReadOnlyList<string> classNames, IReadOnlyList<Rgb> colors, IReadOnlyList<Rgb>? ignoreColors = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(colors);
        if (classNames.Count != colors.Count)
            throw new ArgumentException($"palette '{name}' has {classNames.Count} class names but {colors.Count} colours");
        if (colors.Count is 0 or > LabelMap.Ignore)
            throw new ArgumentException($"palette '{name}' needs 1..{LabelMap.Ignore} classes, got {colors.Count}");
        Name = name;
        ClassNames = classNames.ToArray();
        Colors = colors.ToArray();
        IgnoreColors = (ignoreColors ?? []).ToArray();
    }

    public string Name { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public IReadOnlyList<Rgb> Colors { get; }
    public IReadOnlyList<Rgb> IgnoreColors { get; }
    public int Count => Colors.Count;

    public override string ToString() => $"{Name} ({Count} classes)";

    /// <summary>
    /// Cityscapes' 19 training classes (train ids 0..18) in the colours of cityscapesScripts' labels.py. The colours
    /// of the other label ids (void, parking, rail track, guard rail, bridge, tunnel, caravan, trailer, …) are
    /// ignore colours, as in gtFine <c>_color.png</c> files.
    /// </summary>
    public static Palette Cityscapes { get; } =
        new(
            "cityscapes",
            [
                "road",
                "sidewalk",
                "building",
                "wall",
                "fence",
                "pole",
                "traffic light",
                "traffic sign",
                "vegetation",
                "terrain",
                "sky",
                "person",
                "rider",
                "car",
                "truck",
                "bus",
                "train",
                "motorcycle",
                "bicycle",
            ],
            [
                new(128, 64, 128),
                new(244, 35, 232),
                new(70, 70, 70),
                new(102, 102, 156),
                new(190, 153, 153),
                new(153, 153, 153),
                new(250, 170, 30),
                new(220, 220, 0),
                new(107, 142, 35),
                new(152, 251, 152),
                new(70, 130, 180),
                new(220, 20, 60),
                new(255, 0, 0),
                new(0, 0, 142),
                new(0, 0, 70),
                new(0, 60, 100),
                new(0, 80, 100),
                new(0, 0, 230),
                new(119, 11, 32),
            ],
            [
                new(0, 0, 0),
                new(111, 74, 0),
                new(81, 0, 81),
                new(250, 170, 160),
                new(230, 150, 140),
                new(180, 165, 180),
                new(150, 100, 100),
                new(150, 120, 90),
                new(0, 0, 90),
                new(0, 0, 110),
            ]
        );

    private static readonly string[] CelebAMaskHqClasses =
    [
        "background",
        "skin",
        "nose",
        "eye_g",
        "l_eye",
        "r_eye",
        "l_brow",
        "r_brow",
        "l_ear",
        "r_ear",
        "mouth",
        "u_lip",
        "l_lip",
        "hair",
        "hat",
        "ear_r",
        "neck_l",
        "neck",
        "cloth",
    ];

    /// <summary>
    /// CelebAMask-HQ's 19 labels in the symmetric palette DINO trains with (left/right eyes, brows and ears share
    /// a colour so horizontal flips stay valid); shared colours read back as the left class.
    /// </summary>
    public static Palette CelebAMaskHq { get; } =
        new(
            "celebamask-hq",
            CelebAMaskHqClasses,
            [
                new(0, 0, 0),
                new(204, 0, 0),
                new(76, 153, 0),
                new(204, 204, 0),
                new(204, 0, 204),
                new(204, 0, 204),
                new(255, 204, 204),
                new(255, 204, 204),
                new(102, 51, 0),
                new(102, 51, 0),
                new(102, 204, 0),
                new(255, 255, 0),
                new(0, 0, 153),
                new(0, 0, 204),
                new(255, 51, 153),
                new(0, 204, 204),
                new(0, 51, 0),
                new(255, 153, 51),
                new(0, 204, 0),
            ]
        );

    /// <summary>CelebAMask-HQ's own palette (face_parsing/Data_preprocessing/g_color.py): one colour per label.</summary>
    public static Palette CelebAMaskHqOriginal { get; } =
        new(
            "celebamask-hq-original",
            CelebAMaskHqClasses,
            [
                new(0, 0, 0),
                new(204, 0, 0),
                new(76, 153, 0),
                new(204, 204, 0),
                new(51, 51, 255),
                new(204, 0, 204),
                new(0, 255, 255),
                new(255, 204, 204),
                new(102, 51, 0),
                new(255, 0, 0),
                new(102, 204, 0),
                new(255, 255, 0),
                new(0, 0, 153),
                new(0, 0, 204),
                new(255, 51, 153),
                new(0, 204, 204),
                new(0, 51, 0),
                new(255, 153, 51),
                new(0, 204, 0),
            ]
        );
}

using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>
/// Everything one two-domain face is drawn from: a voice-faces identity (skin, hair colour, face shape), the shared
/// factors of <see cref="Face"/>, and the traits it would have in either domain. The shared factors come first from the
/// image's stream and the domain after them, so <see cref="Render"/> can draw the same person, pose and backdrop in the
/// other domain: the ground-truth translation.
/// </summary>
public sealed class TwoDomainFaceScene
{
    private readonly VoiceFaceIdentity identity;
    private readonly FaceTraits[] traits;
    private readonly int backdropSeed;

    private TwoDomainFaceScene(TwoDomainFace face, VoiceFaceIdentity identity, FaceTraits[] traits, int backdropSeed)
    {
        Face = face;
        this.identity = identity;
        this.traits = traits;
        this.backdropSeed = backdropSeed;
    }

    public TwoDomainFace Face { get; }

    /// <summary>CelebA's file name of image <paramref name="index"/> (0-based): 000001.jpg ….</summary>
    public static string FileOf(int index) => $"{index + 1:D6}.jpg";

    /// <summary>Image <paramref name="index"/> of the corpus of <paramref name="seed"/> (independent of how many are made).</summary>
    public static TwoDomainFaceScene Sample(long seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new Random(ShapesScene.MixSeed(seed, index));
        // Rounded to what the factors file holds, so the file is exactly what was drawn.
        double Between(double lo, double hi) => Math.Round(lo + (hi - lo) * random.NextDouble(), 4);
        var identity = VoiceFaceIdentity.Create(random.Next(), 0);
        var (yaw, roll, mouth) = (Between(-25, 25), Between(-12, 12), Between(0, 1));
        var (gazeX, gazeY) = (Between(-1, 1), Between(-1, 1));
        var (hue, level, backdrop) = (Between(0, 1), Between(0.25, 0.85), (FaceBackdrop)random.Next(3));
        var (dx, dy) = (Between(-0.05, 0.05), Between(-0.04, 0.04));
        var backdropSeed = random.Next();
        var female = new FaceTraits(HairLength: Between(0.6, 1), Beard: 0, BrowWeight: Between(0.6, 0.85), Lipstick: Between(0.3, 0.8));
        // Most men have a beard, the rest stubble.
        var beard = random.NextDouble() < 0.6 ? Between(0.45, 0.85) : Between(0.1, 0.2);
        var male = new FaceTraits(HairLength: 0, Beard: beard, BrowWeight: Between(1.1, 1.5), Lipstick: 0);
        var classId = random.Next(2);
        var face = new TwoDomainFace(FileOf(index), classId, yaw, roll, mouth, gazeX, gazeY, hue, level, backdrop, dx, dy);
        return new TwoDomainFaceScene(face, identity, [female, male], backdropSeed);
    }

    /// <summary>The traits the face has in <paramref name="classId"/>'s domain.</summary>
    public FaceTraits TraitsIn(int classId) => traits[classId];

    /// <summary>The identity's hair colour (long hair and beards are drawn in it).</summary>
    public Rgb Hair => identity.Hair;

    /// <summary>
    /// The face at <paramref name="width"/>×<paramref name="height"/> in its own domain, or in <paramref name="classId"/>'s
    /// (the same person, pose, expression, gaze and backdrop).
    /// </summary>
    public Canvas Render(int width, int height, int? classId = null)
    {
        var domain = classId ?? Face.ClassId;
        if (domain is not (CelebAGenderCorpus.Female or CelebAGenderCorpus.Male))
            throw new ArgumentOutOfRangeException(nameof(classId), classId, "the domains are 0 (female) and 1 (male)");
        var canvas = Backdrops.Paint(width, height, Face, backdropSeed);
        var state = new FaceState(Face.Dx, Face.Dy, Blink: false, Face.Mouth);
        TalkingFace.Paint(canvas, identity, state, new FacePose(Face.Yaw, Face.Roll, Face.GazeX, Face.GazeY), traits[domain]);
        return canvas;
    }
}

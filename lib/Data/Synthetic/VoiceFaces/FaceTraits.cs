using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// Looks beyond a face's shape and colours: the two-domain faces draw their domains with them, and voice-faces gives
/// its female voices long hair; <see cref="None"/> draws the plain voice-faces face.
/// </summary>
/// <param name="HairLength">0: the voice-faces cut; 1: hair falling past the chin to the shoulders.</param>
/// <param name="Beard">Opacity of a hair-coloured beard and moustache, 0 (none) … 1 (full).</param>
/// <param name="BrowWeight">Scale of the brows' thickness (1: voice-faces).</param>
/// <param name="Lipstick">How far the lips are mixed towards <see cref="LipstickColour"/>, 0 … 1.</param>
public sealed record FaceTraits(double HairLength, double Beard, double BrowWeight, double Lipstick)
{
    public static readonly Rgb LipstickColour = Rgb.FromUnit(0.78, 0.12, 0.22);

    public static FaceTraits None { get; } = new(0, 0, 1, 0);
}

using Dino.Repro.Vision;

namespace Dino.Repro.Data.Synthetic.VoiceFaces;

/// <summary>
/// Looks the voice-faces identities do not vary (the two-domain faces draw their domains with them); <see cref="None"/>
/// draws the voice-faces face unchanged.
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

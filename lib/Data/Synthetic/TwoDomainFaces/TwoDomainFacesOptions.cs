using Dino.Repro.IO;

namespace Dino.Repro.Data.Synthetic.TwoDomainFaces;

/// <summary>How many two-domain faces, how wide (the height keeps aligned CelebA's 178:218), from which seed.</summary>
public sealed record TwoDomainFacesOptions(int Count, int Width, long Seed)
{
    /// <summary>Aligned CelebA's image size.</summary>
    public const int CelebAWidth = 178,
        CelebAHeight = 218;

    public int Height => (int)Math.Round(Width * (double)CelebAHeight / CelebAWidth);

    /// <summary>smoke: 40 faces (seconds); cpu: 4000 faces (the cpu AC-GAN's ~3k steps at 32²); both at CelebA's 178×218.</summary>
    public static TwoDomainFacesOptions ForPreset(Preset preset, long seed = 0) =>
        preset switch
        {
            Preset.Smoke => new TwoDomainFacesOptions(40, CelebAWidth, seed),
            Preset.Cpu => new TwoDomainFacesOptions(4000, CelebAWidth, seed),
            Preset.Paper => throw new ArgumentException(
                "the paper preset trains on the real CelebA (data-scripts/celeba.sh), not on two-domain faces (presets: smoke, cpu)",
                nameof(preset)
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a preset"),
        };

    /// <summary>The preset's options with `dino corpus make`'s --count and --size (the width) applied, checked.</summary>
    public static TwoDomainFacesOptions For(EmbeddedCorpusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preset = ForPreset(request.Preset, request.Seed);
        var options = preset with { Count = request.Count ?? preset.Count, Width = request.Size ?? preset.Width };
        options.Validate();
        return options;
    }

    public void Validate()
    {
        // CelebA numbers its images with six digits.
        if (Count is < 1 or > 999_999)
            throw new ArgumentException($"--count must lie in 1..999999 (got {Count})");
        if (Width is < 16 or > 1024)
            throw new ArgumentException($"--size (the width) must lie in 16..1024 (got {Width})");
    }
}

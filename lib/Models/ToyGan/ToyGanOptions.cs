using TorchSharp.Modules;

namespace Dino.Repro.Models.ToyGan;

/// <summary>
/// Options of the toy DCGAN (Radford et al., 2016) on 16×16 procedurally drawn shapes. The shared options
/// (<see cref="TrainingOptions"/>) keep their defaults; the defaults below are DCGAN's where the paper gives one.
/// </summary>
public sealed record ToyGanOptions : TrainingOptions
{
    /// <summary>Length of the latent vector z. Default 32.</summary>
    public int Latent { get; init; } = 32;

    /// <summary>Feature maps of the discriminator's first layer and the generator's last hidden one (DCGAN's ndf/ngf). Default 32.</summary>
    public int Width { get; init; } = 32;

    /// <summary>How many shape images the embedded data set holds. Default 4096.</summary>
    public int DatasetSize { get; init; } = 4096;

    /// <summary>Adam's learning rate for both networks. Default 2e-4 (DCGAN).</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1. Default 0.5 (DCGAN: 0.9 oscillated).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Fraction of the steps at the full learning rate before pix2pix's linear decay takes over. Default 0.5.</summary>
    public double ConstantLrFraction { get; init; } = 0.5;

    /// <summary>Standard deviation of the Gaussian instance noise added to every image the discriminator sees (0 = none). Default 0.05.</summary>
    public double InstanceNoise { get; init; } = 0.05;

    /// <summary>Images in a sample grid (a square number reads best). Default 64.</summary>
    public int SampleCount { get; init; } = 64;

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        if (Latent < 1)
            yield return $"latent must be at least 1 (got {Latent})";
        if (Width < 1)
            yield return $"width must be at least 1 (got {Width})";
        if (DatasetSize < BatchSize)
            yield return $"dataset_size ({DatasetSize}) must be at least batch_size ({BatchSize})";
        if (!(LearningRate > 0))
            yield return $"learning_rate must be positive (got {LearningRate})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (ConstantLrFraction is < 0 or > 1)
            yield return $"constant_lr_fraction must lie in [0, 1] (got {ConstantLrFraction})";
        if (InstanceNoise < 0)
            yield return $"instance_noise must not be negative (got {InstanceNoise})";
        if (SampleCount < 1)
            yield return $"sample_count must be at least 1 (got {SampleCount})";
    }
}

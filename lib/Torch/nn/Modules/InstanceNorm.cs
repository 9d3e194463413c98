using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// Instance normalisation (PyTorch's _InstanceNorm): each (sample, channel) is normalised over its spatial dims.
/// affine and track_running_stats default to false; unbatched input (C, *spatial) is accepted.
/// </summary>
public abstract class InstanceNorm : NormBase
{
    private readonly int unbatchedDim;

    protected InstanceNorm(string name, long num_features, double eps, double momentum, bool affine, bool track_running_stats, Device? device,
        ScalarType? dtype, int unbatched_dim)
        : base(name, num_features, eps, momentum, affine, track_running_stats, device, dtype, unbatched_dim, unbatched_dim + 1) =>
        unbatchedDim = unbatched_dim;

    public override Tensor forward(Tensor input)
    {
        check_input_dim(input);
        var featureDim = input.dim() - unbatchedDim;
        // PyTorch only warns when not affine (nothing is indexed by channel); with weights a mismatch is an error.
        if (affine && input.size(featureDim) != num_features)
            throw new TorchException($"{name}: expected input's size at dim={featureDim} to match num_features ({num_features}), but got: {input.size(featureDim)}.");
        if (input.dim() != unbatchedDim) return Apply(input);
        using var batched = input.unsqueeze(0);
        using var result = Apply(batched);
        return result.squeeze(0);
    }

    private Tensor Apply(Tensor input) => nn.functional.instance_norm(input, running_mean, running_var, weight, bias,
        use_input_stats: training || !track_running_stats, momentum ?? 0.1, eps);
}

/// <summary>Over (N, C, L) or (C, L) input.</summary>
public sealed class InstanceNorm1d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
    bool track_running_stats = false, Device? device = null, ScalarType? dtype = null)
    : InstanceNorm(nameof(InstanceNorm1d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 2);

/// <summary>Over (N, C, H, W) or (C, H, W) input.</summary>
public sealed class InstanceNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
    bool track_running_stats = false, Device? device = null, ScalarType? dtype = null)
    : InstanceNorm(nameof(InstanceNorm2d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 3);

/// <summary>Over (N, C, D, H, W) or (C, D, H, W) input.</summary>
public sealed class InstanceNorm3d(long num_features, double eps = 1e-5, double momentum = 0.1, bool affine = false,
    bool track_running_stats = false, Device? device = null, ScalarType? dtype = null)
    : InstanceNorm(nameof(InstanceNorm3d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 4);

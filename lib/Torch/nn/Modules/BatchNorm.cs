using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// Batch normalisation (PyTorch's _BatchNorm): in training it normalises with the batch statistics and updates the
/// running ones; in eval it uses the running statistics (or the batch's, when they are not tracked).
/// </summary>
public abstract class BatchNorm : NormBase
{
    protected BatchNorm(string name, long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device,
        ScalarType? dtype, params int[] accepted_dims)
        : base(name, num_features, eps, momentum, affine, track_running_stats, device, dtype, accepted_dims) { }

    public override Tensor forward(Tensor input)
    {
        check_input_dim(input);
        var factor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is not null)
        {
            using (no_grad())
            {
                using var next = num_batches_tracked.add(1L);
                num_batches_tracked.copy_(next);
            }
            if (momentum is null) factor = 1.0 / num_batches_tracked.item<long>();
        }
        // Without running statistics even eval mode has to use the batch's.
        var useBatchStats = training || (running_mean is null && running_var is null);
        var passStats = !training || track_running_stats;
        return nn.functional.batch_norm(input, passStats ? running_mean : null, passStats ? running_var : null, weight, bias, useBatchStats,
            factor, eps);
    }
}

/// <summary>Over (N, C) or (N, C, L) input.</summary>
public sealed class BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
    Device? device = null, ScalarType? dtype = null)
    : BatchNorm(nameof(BatchNorm1d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 2, 3);

/// <summary>Over (N, C, H, W) input.</summary>
public sealed class BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
    Device? device = null, ScalarType? dtype = null)
    : BatchNorm(nameof(BatchNorm2d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 4);

/// <summary>Over (N, C, D, H, W) input.</summary>
public sealed class BatchNorm3d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true,
    Device? device = null, ScalarType? dtype = null)
    : BatchNorm(nameof(BatchNorm3d), num_features, eps, momentum, affine, track_running_stats, device, dtype, 5);

using static Dino.Repro.Torch.torch;

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// The shared state of batch and instance norm (PyTorch's _NormBase): affine weight/bias of shape [num_features]
/// and, when tracking, the buffers running_mean, running_var and num_batches_tracked (int64), in PyTorch's order.
/// </summary>
public abstract class NormBase : Module<Tensor, Tensor>
{
    public readonly Parameter? weight;
    public readonly Parameter? bias;
    public readonly Tensor? running_mean;
    public readonly Tensor? running_var;
    public readonly Tensor? num_batches_tracked;

    private readonly int[] acceptedDims;

    protected NormBase(string name, long num_features, double eps, double? momentum, bool affine, bool track_running_stats, Device? device,
        ScalarType? dtype, params int[] accepted_dims) : base(name)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        acceptedDims = accepted_dims;
        if (affine)
        {
            weight = LayerInit.Empty(new[] { num_features }, device, dtype);
            bias = LayerInit.Empty(new[] { num_features }, device, dtype);
        }
        if (track_running_stats)
        {
            running_mean = zeros(new[] { num_features }, dtype, device);
            running_var = ones(new[] { num_features }, dtype, device);
            num_batches_tracked = zeros(Array.Empty<long>(), int64, device);
        }
        reset_parameters();
        RegisterComponents();
    }

    public long num_features { get; }
    public double eps { get; }
    /// <summary>The running-average factor; null means a cumulative average (1/num_batches_tracked).</summary>
    public double? momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }

    public void reset_running_stats()
    {
        using var _ = no_grad();
        running_mean?.zero_();
        running_var?.fill_(1);
        num_batches_tracked?.zero_();
    }

    public void reset_parameters()
    {
        reset_running_stats();
        if (weight is not null) nn.init.ones_(weight);
        if (bias is not null) nn.init.zeros_(bias);
    }

    protected void check_input_dim(Tensor input)
    {
        var dim = input.dim();
        if (Array.IndexOf(acceptedDims, dim) < 0)
            throw new TorchException($"{name}: expected {string.Join(" or ", acceptedDims.Select(d => $"{d}D"))} input (got {dim}D input)");
    }

    protected override string extra_repr() =>
        $"{num_features}, eps={PyRepr.Float(eps)}, momentum={PyRepr.Optional(momentum)}, affine={PyRepr.Bool(affine)}, track_running_stats={PyRepr.Bool(track_running_stats)}";
}

namespace Dino.Repro.Torch.Modules;

/// <summary>Flattens dims start_dim..end_dim (by default everything but the batch dim).</summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    public Flatten(long start_dim = 1, long end_dim = -1) : base(nameof(Flatten))
    {
        this.start_dim = start_dim;
        this.end_dim = end_dim;
    }

    public long start_dim { get; }
    public long end_dim { get; }

    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);

    protected override string extra_repr() => $"start_dim={start_dim}, end_dim={end_dim}";
}

namespace Dino.Repro.Torch.Modules;

/// <summary>
/// A lookup table of <c>num_embeddings</c> vectors (PyTorch's nn.Embedding): weight ~ N(0, 1), with the
/// padding_idx row zeroed and excluded from gradient updates.
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, bool scale_grad_by_freq = false, Tensor? _weight = null)
        : base(nameof(Embedding))
    {
        if (num_embeddings <= 0) throw new ArgumentOutOfRangeException(nameof(num_embeddings), num_embeddings, "Embedding: num_embeddings must be positive");
        if (embedding_dim <= 0) throw new ArgumentOutOfRangeException(nameof(embedding_dim), embedding_dim, "Embedding: embedding_dim must be positive");
        this.num_embeddings = num_embeddings;
        this.embedding_dim = embedding_dim;
        this.padding_idx = torch.nn.functional.EmbeddingPadding(padding_idx, num_embeddings);
        this.scale_grad_by_freq = scale_grad_by_freq;
        if (_weight is not null && !_weight.shape.SequenceEqual(new[] { num_embeddings, embedding_dim }))
            throw new TorchException($"Embedding: shape of weight [{string.Join(", ", _weight.shape)}] does not match num_embeddings and embedding_dim ({num_embeddings}, {embedding_dim})");
        weight = new Parameter(_weight?.detach() ?? torch.randn(num_embeddings, embedding_dim));
        if (_weight is null && this.padding_idx is { } p)
        {
            using var _ = torch.no_grad();
            weight.index_put_(0.0, p);
        }
        register_parameter(nameof(weight), weight);
    }

    public long num_embeddings { get; }
    public long embedding_dim { get; }
    public long? padding_idx { get; }
    public bool scale_grad_by_freq { get; }
    public Parameter weight { get; }

    public override Tensor forward(Tensor input) => torch.nn.functional.embedding(input, weight, padding_idx, scale_grad_by_freq);

    /// <summary>An Embedding holding a copy of <paramref name="embeddings"/> (num_embeddings, dim), frozen by default.</summary>
    public static Embedding from_pretrained(Tensor embeddings, bool freeze = true, long? padding_idx = null, bool scale_grad_by_freq = false)
    {
        if (embeddings.dim() != 2) throw new TorchException($"Embedding.from_pretrained: embeddings must be 2-D, got {embeddings.dim()}-D");
        using var copy = embeddings.detach().clone();
        var module = new Embedding(embeddings.size(0), embeddings.size(1), padding_idx, scale_grad_by_freq, copy);
        module.weight.requires_grad = !freeze;
        return module;
    }

    protected override string extra_repr() =>
        $"{num_embeddings}, {embedding_dim}" + (padding_idx is { } p ? $", padding_idx={p}" : "") + (scale_grad_by_freq ? ", scale_grad_by_freq=True" : "");
}

namespace Dino.Repro.Torch.Modules;

/// <summary>What the recurrent layers and cells share: PyTorch's weight names and init, and the state checks.</summary>
internal static class RNNWeights
{
    /// <summary>
    /// Creates and registers one layer-direction's weights: weight_ih, weight_hh (and bias_ih, bias_hh) + suffix,
    /// each U(−1/√hidden, 1/√hidden) as PyTorch initialises them.
    /// </summary>
    internal static List<Parameter> Create(Module owner, string suffix, long gate_size, long input_size, long hidden_size, bool bias)
    {
        var k = 1 / Math.Sqrt(hidden_size);
        var shapes = new List<(string key, long[] shape)>
        {
            ("weight_ih", new[] { gate_size, input_size }),
            ("weight_hh", new[] { gate_size, hidden_size }),
        };
        if (bias)
        {
            shapes.Add(("bias_ih", new[] { gate_size }));
            shapes.Add(("bias_hh", new[] { gate_size }));
        }
        var created = new List<Parameter>();
        foreach (var (key, shape) in shapes)
        {
            var p = new Parameter(torch.empty(shape).uniform_(-k, k));
            owner.register_parameter(key + suffix, p);
            created.Add(p);
        }
        return created;
    }

    internal static void CheckSizes(string module, long input_size, long hidden_size)
    {
        if (input_size <= 0) throw new ArgumentOutOfRangeException(nameof(input_size), input_size, $"{module}: input_size must be positive");
        if (hidden_size <= 0) throw new ArgumentOutOfRangeException(nameof(hidden_size), hidden_size, $"{module}: hidden_size must be positive");
    }

    internal static string Shape(IEnumerable<long> shape) => string.Join(", ", shape);

    /// <summary>
    /// Checks given states against <paramref name="expected"/> and gives them batched (a batch dim of 1 inserted at
    /// <paramref name="batch_dim"/> for unbatched input); a null state becomes zeros of <paramref name="zeros_shape"/>.
    /// </summary>
    internal static Tensor[] States(string module, Tensor?[] states, long[] expected, bool batched, int batch_dim, long[] zeros_shape, Tensor like)
    {
        var hs = new Tensor[states.Length];
        for (var i = 0; i < states.Length; i++)
        {
            if (states[i] is not { } s)
            {
                hs[i] = torch.zeros(zeros_shape, like.dtype, like.device);
                continue;
            }
            if (!s.shape.SequenceEqual(expected))
            {
                var which = states.Length > 1 ? $"hidden[{i}]" : "hidden";
                throw new TorchException($"{module}: Expected {which} size ({Shape(expected)}), got [{Shape(s.shape)}]");
            }
            hs[i] = batched ? s : s.unsqueeze(batch_dim);
        }
        return hs;
    }
}

/// <summary>
/// What GRU and LSTM share (PyTorch's nn.RNNBase): hyper-parameters, the flat weight list in cuDNN order
/// (per layer, per direction: w_ih, w_hh, b_ih, b_hh; "_reverse" for the backward direction), input and
/// state checks, and unbatched (L, H_in) inputs.
/// </summary>
public abstract class RNNBase<THidden, TOut> : Module<Tensor, THidden, TOut>
{
    private readonly List<Parameter> flat_weights = new();

    protected RNNBase(string name, long gates, long input_size, long hidden_size, long num_layers, bool bias, bool batch_first,
        double dropout, bool bidirectional) : base(name)
    {
        RNNWeights.CheckSizes(name, input_size, hidden_size);
        if (num_layers < 1) throw new ArgumentOutOfRangeException(nameof(num_layers), num_layers, $"{name}: num_layers must be at least 1");
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: dropout must be in [0, 1]");
        this.input_size = input_size;
        this.hidden_size = hidden_size;
        this.num_layers = num_layers;
        this.bias = bias;
        this.batch_first = batch_first;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        for (var layer = 0; layer < num_layers; layer++)
        {
            var layer_input = layer == 0 ? input_size : hidden_size * num_directions;
            for (var direction = 0; direction < num_directions; direction++)
            {
                var suffix = $"_l{layer}" + (direction == 1 ? "_reverse" : "");
                flat_weights.AddRange(RNNWeights.Create(this, suffix, gates * hidden_size, layer_input, hidden_size, bias));
            }
        }
    }

    public long input_size { get; }
    public long hidden_size { get; }
    public long num_layers { get; }
    public bool bias { get; }
    public bool batch_first { get; }
    public double dropout { get; }
    public bool bidirectional { get; }
    public long num_directions => bidirectional ? 2 : 1;

    /// <summary>The parameters in the order libtorch's kernels take them.</summary>
    protected IReadOnlyList<Tensor> all_weights => flat_weights;

    /// <summary>
    /// Checks the input and the states (null: zeros), adds the batch dim to unbatched ones, runs
    /// <paramref name="kernel"/> (which returns the output, then the final states) and removes the batch dim again.
    /// </summary>
    protected Tensor[] Run(Tensor input, Tensor?[] states, Func<Tensor, Tensor[], Tensor[]> kernel)
    {
        var d = input.dim();
        if (d is not (2 or 3)) throw new TorchException($"{name}: Expected input to be 2-D or 3-D but received {d}-D tensor");
        if (input.size(-1) != input_size)
            throw new TorchException($"{name}: input.size(-1) must be equal to input_size. Expected {input_size}, got {input.size(-1)}");
        var batched = d == 3;
        var batch_dim = batch_first ? 0 : 1;
        var batch = batched ? input.size(batch_dim) : 1;
        var layers = num_layers * num_directions;
        var expected = batched ? new[] { layers, batch, hidden_size } : new[] { layers, hidden_size };

        using var scope = torch.NewDisposeScope();
        var x = batched ? input : input.unsqueeze(batch_dim);
        var hs = RNNWeights.States(name, states, expected, batched, 1, new[] { layers, batch, hidden_size }, input);
        var results = kernel(x, hs);
        for (var i = 0; i < results.Length; i++)
        {
            if (!batched) results[i] = results[i].squeeze(i == 0 ? batch_dim : 1);
            results[i].MoveToOuterDisposeScope();
        }
        return results;
    }

    protected override string extra_repr()
    {
        var text = $"{input_size}, {hidden_size}";
        if (num_layers != 1) text += $", num_layers={num_layers}";
        if (!bias) text += ", bias=False";
        if (batch_first) text += ", batch_first=True";
        if (dropout != 0) text += $", dropout={dropout.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (bidirectional) text += ", bidirectional=True";
        return text;
    }
}

using TorchSharp.Modules;

namespace Dino.Repro.Models.Common;

/// <summary>
/// A layer whose weight is divided by its largest singular value σ (Miyato et al. 2018), as PyTorch's
/// <c>torch.nn.utils.spectral_norm</c> computes it: the weight, viewed as a matrix W with its <see cref="Dim"/> axis as rows,
/// is kept as <c>weight_orig</c>; σ ≈ uᵀWv from the buffers <c>weight_u</c>, <c>weight_v</c>, which each forward pass in
/// train mode refines by one power-iteration step (v ← W ᵀu/‖·‖, u ← Wv/‖·‖, without gradient); eval mode reuses them.
/// The state keys are PyTorch's (weight_orig, weight_u, weight_v, bias), so its checkpoints load unchanged.
/// </summary>
public abstract class SpectralNormLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>PyTorch's ε in the normalisations.</summary>
    public const double Eps = 1e-12;

    // Field names are the state keys.
    private readonly Parameter weight_orig;
    private readonly Parameter? bias;
    private readonly Tensor weight_u,
        weight_v;

    /// <param name="weight">The plain layer's initial weight (taken over as weight_orig).</param>
    /// <param name="bias">Its bias, or null.</param>
    /// <param name="dim">The weight's output axis: 0 for convolutions and linear layers, 1 for transposed convolutions.</param>
    protected SpectralNormLayer(string name, Tensor weight, Tensor? bias, int dim)
        : base(name)
    {
        Dim = dim;
        using var _ = torch.no_grad();
        weight_orig = new Parameter(weight.detach().clone());
        this.bias = bias is null ? null : new Parameter(bias.detach().clone());
        var rows = weight.size(dim);
        var columns = weight.numel() / rows;
        // As PyTorch: u, v drawn from N(0, 1) in that order and normalised.
        weight_u = torch.nn.functional.normalize(torch.randn(rows), dim: 0, eps: Eps);
        weight_v = torch.nn.functional.normalize(torch.randn(columns), dim: 0, eps: Eps);
        RegisterComponents();
    }

    /// <summary>The weight axis that indexes the rows of W.</summary>
    public int Dim { get; }

    /// <summary>The unnormalised weight (PyTorch's weight_orig).</summary>
    public Parameter WeightOrig => weight_orig;

    public Parameter? Bias => bias;

    /// <summary>The current estimate uᵀWv of the largest singular value (no power iteration).</summary>
    public Tensor Sigma()
    {
        using var scope = torch.NewDisposeScope();
        return Sigma(Matrix(weight_orig), weight_u, weight_v).MoveToOuterDisposeScope();
    }

    /// <summary>weight_orig / σ, after one power-iteration step when in train mode (what forward uses).</summary>
    public Tensor NormalisedWeight()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = Matrix(weight_orig);
        var (u, v) = (weight_u, weight_v);
        if (training)
        {
            using (torch.no_grad())
            {
                weight_v.copy_(torch.nn.functional.normalize(torch.mv(matrix.t(), weight_u), dim: 0, eps: Eps));
                weight_u.copy_(torch.nn.functional.normalize(torch.mv(matrix, weight_v), dim: 0, eps: Eps));
            }
            // Copies, as PyTorch takes: the next forward's in-place update must not change what this graph saved.
            (u, v) = (weight_u.clone(), weight_v.clone());
        }
        return (weight_orig / Sigma(matrix, u, v)).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor input)
    {
        using var weight = NormalisedWeight();
        return Apply(input, weight, bias);
    }

    /// <summary>The layer's operation with the normalised weight.</summary>
    protected abstract Tensor Apply(Tensor input, Tensor weight, Tensor? bias);

    // u and v are constants to autograd: the gradient reaches weight_orig through W and σ = uᵀWv.
    private static Tensor Sigma(Tensor matrix, Tensor u, Tensor v) => torch.dot(u, torch.mv(matrix, v));

    private Tensor Matrix(Tensor weight)
    {
        var rowsFirst = Dim == 0 ? weight : weight.movedim([Dim], [0]);
        return rowsFirst.reshape(rowsFirst.size(0), -1);
    }
}

/// <summary>A spectral-normalised <c>nn.Conv2d</c> (square kernel; PyTorch's default initialisation).</summary>
public sealed class SpectralNormConv2d : SpectralNormLayer
{
    private readonly long stride,
        padding;

    public SpectralNormConv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0, bool bias = true)
        : this(torch.nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, bias: bias), stride, padding) { }

    private SpectralNormConv2d(Conv2d plain, long stride, long padding)
        : base(nameof(SpectralNormConv2d), plain.weight!, plain.bias, dim: 0)
    {
        this.stride = stride;
        this.padding = padding;
        plain.Dispose();
    }

    protected override Tensor Apply(Tensor input, Tensor weight, Tensor? bias) =>
        torch.nn.functional.conv2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);
}

/// <summary>A spectral-normalised <c>nn.ConvTranspose2d</c> (square kernel; W's rows are its output channels, weight axis 1).</summary>
public sealed class SpectralNormConvTranspose2d : SpectralNormLayer
{
    private readonly long stride,
        padding,
        outputPadding;

    public SpectralNormConvTranspose2d(
        long inChannels,
        long outChannels,
        long kernel,
        long stride = 1,
        long padding = 0,
        long outputPadding = 0,
        bool bias = true
    )
        : this(
            torch.nn.ConvTranspose2d(inChannels, outChannels, kernel, stride: stride, padding: padding, output_padding: outputPadding, bias: bias),
            stride,
            padding,
            outputPadding
        ) { }

    private SpectralNormConvTranspose2d(ConvTranspose2d plain, long stride, long padding, long outputPadding)
        : base(nameof(SpectralNormConvTranspose2d), plain.weight!, plain.bias, dim: 1)
    {
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        plain.Dispose();
    }

    protected override Tensor Apply(Tensor input, Tensor weight, Tensor? bias) =>
        torch.nn.functional.conv_transpose2d(
            input,
            weight,
            bias,
            strides: [stride, stride],
            padding: [padding, padding],
            output_padding: [outputPadding, outputPadding]
        );
}

/// <summary>A spectral-normalised <c>nn.Linear</c>.</summary>
public sealed class SpectralNormLinear : SpectralNormLayer
{
    public SpectralNormLinear(long inFeatures, long outFeatures, bool bias = true)
        : this(torch.nn.Linear(inFeatures, outFeatures, hasBias: bias)) { }

    private SpectralNormLinear(Linear plain)
        : base(nameof(SpectralNormLinear), plain.weight!, plain.bias, dim: 0) => plain.Dispose();

    protected override Tensor Apply(Tensor input, Tensor weight, Tensor? bias) => torch.nn.functional.linear(input, weight, bias);
}

using TorchSharp.Modules;

namespace Dino.Repro.Models.AcGan;

/// <summary>
/// G(z, c) of Dong et al.: [z, embed(c)] → dense to (R/16)²·16w (no bias), batch norm, ReLU → four 5×5 stride-2
/// transposed convolutions 8w, 4w, 2w, 3 (batch norm and ReLU except the last; hidden layers without bias) → tanh.
/// At the paper's 64² and w = 64: 4×4×1024 → 8²×512 → 16²×256 → 32²×128 → 64²×3. Padding 2 with output padding 1
/// doubles each side, as TensorFlow's "same".
/// </summary>
public sealed class AcGanGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding classes;
    private readonly Linear project;
    private readonly BatchNorm2d projectNorm;
    private readonly Sequential up;
    private readonly long start,
        startChannels;

    public AcGanGenerator(long latent, long class_embedding, long width, long resolution, long classes = AcGanOptions.Classes)
        : base(nameof(AcGanGenerator))
    {
        start = resolution / 16;
        startChannels = 16 * width;
        this.classes = torch.nn.Embedding(classes, class_embedding);
        project = torch.nn.Linear(latent + class_embedding, start * start * startChannels, hasBias: false);
        projectNorm = AcGanLayers.Norm(startChannels);
        up = torch.nn.Sequential();
        var channels = startChannels;
        foreach (var next in new[] { 8 * width, 4 * width, 2 * width })
        {
            up.append(torch.nn.ConvTranspose2d(channels, next, 5, stride: 2, padding: 2, output_padding: 1, bias: false));
            up.append(AcGanLayers.Norm(next));
            up.append(torch.nn.ReLU());
            channels = next;
        }
        up.append(torch.nn.ConvTranspose2d(channels, 3, 5, stride: 2, padding: 2, output_padding: 1));
        up.append(torch.nn.Tanh());
        RegisterComponents();
    }

    /// <summary>z [B, latent] and class labels int64 [B] → images [B, 3, R, R] in [−1, 1].</summary>
    public override Tensor forward(Tensor z, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.cat([z, classes.call(labels)], 1);
        var h = project.call(input).view(-1, startChannels, start, start);
        h = torch.nn.functional.relu(projectNorm.call(h));
        return up.call(h).MoveToOuterDisposeScope();
    }

    /// <summary>The reference's initialisation: weights N(0, 0.02), batch-norm scales N(1, 0.02), the class table U(−0.1, 0.1).</summary>
    public AcGanGenerator Initialise(Generator? generator = null)
    {
        Common.WeightInit.Normal(this, generator: generator);
        using var _ = torch.no_grad();
        classes.weight!.uniform_(-0.1, 0.1, generator);
        return this;
    }
}

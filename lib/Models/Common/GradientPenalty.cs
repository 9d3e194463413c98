namespace Dino.Repro.Models.Common;

/// <summary>
/// WGAN-GP's gradient penalty (Gulrajani et al. 2017): on x̂ = ε·real + (1 − ε)·fake, with ε ~ U[0, 1] per example, the
/// mean of (‖∇ₓ̂ D(x̂)‖₂ − 1)², the norm taken over all of an example's values. The graph is kept, so the penalty's own
/// gradient reaches the critic's weights.
/// </summary>
public static class GradientPenalty
{
    /// <param name="critic">Scores [B] of inputs shaped as <paramref name="real"/>.</param>
    /// <param name="real">Real examples [B, …].</param>
    /// <param name="fake">Generated examples, the same shape (detached by the caller).</param>
    /// <param name="epsilon">ε [B] in [0, 1]; drawn from torch's default generator when null.</param>
    public static Tensor Of(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor? epsilon = null)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(fake);
        if (!real.shape.SequenceEqual(fake.shape))
            throw new ArgumentException($"real [{string.Join(", ", real.shape)}] and fake [{string.Join(", ", fake.shape)}] differ in shape");
        using var scope = torch.NewDisposeScope();
        var shape = new long[real.dim()];
        Array.Fill(shape, 1L);
        shape[0] = real.size(0);
        var e = (epsilon ?? torch.rand([real.size(0)], device: real.device)).view(shape);
        var mixed = (e * real + (Scalars.Of(1) - e) * fake).detach().requires_grad_(true);
        var scores = critic(mixed);
        var gradient = torch.autograd.grad([scores.sum()], [mixed], retain_graph: true, create_graph: true)[0];
        var norms = gradient.flatten(1).norm(1, false, 2);
        return norms.sub(Scalars.Of(1)).pow(Scalars.Of(2)).mean().MoveToOuterDisposeScope();
    }
}

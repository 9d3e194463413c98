namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>
/// The thesis' two objectives. Least squares (Mao et al.; the thesis' LS-GAN, no sigmoid): D minimises
/// mean (D(x, c) − 1)² + mean D(G(z, c), c)², G minimises mean (D(G(z, c), c) − 1)². The AC-GAN variant (Fig. 7): D is a
/// softmax over the speakers and one "fake" class, D minimises CE(D(x), speaker) + CE(D(G(z, speaker)), fake) and G
/// minimises CE(D(G(z, speaker)), speaker).
/// </summary>
public static class ThesisDcganLosses
{
    public static Tensor LeastSquaresDiscriminator(Tensor realScores, Tensor fakeScores)
    {
        using var scope = torch.NewDisposeScope();
        return ((realScores - Scalars.Of(1)).pow(Scalars.Of(2)).mean() + fakeScores.pow(Scalars.Of(2)).mean()).MoveToOuterDisposeScope();
    }

    public static Tensor LeastSquaresGenerator(Tensor fakeScores)
    {
        using var scope = torch.NewDisposeScope();
        return (fakeScores - Scalars.Of(1)).pow(Scalars.Of(2)).mean().MoveToOuterDisposeScope();
    }

    /// <summary>D's loss from its logits [B, K + 1] on real and fake faces; the last class is "fake".</summary>
    public static Tensor ClassifyingDiscriminator(Tensor realLogits, Tensor fakeLogits, Tensor speakers)
    {
        using var scope = torch.NewDisposeScope();
        var fakeClass = torch.full_like(speakers, Scalars.Of(fakeLogits.size(1) - 1));
        var loss = torch.nn.functional.cross_entropy(realLogits, speakers) + torch.nn.functional.cross_entropy(fakeLogits, fakeClass);
        return loss.MoveToOuterDisposeScope();
    }

    public static Tensor ClassifyingGenerator(Tensor fakeLogits, Tensor speakers) => torch.nn.functional.cross_entropy(fakeLogits, speakers);
}

using Dino.Repro.Models.AcGan;

namespace Dino.Repro.Tests.Models.AcGan;

public class AcGanTranslationTests
{
    [Fact]
    public void Reconstruction_and_translation_are_g_of_e_of_x_as_its_own_class_and_the_other_in_eval_mode()
    {
        manual_seed(4);
        using var generator = new AcGanGenerator(8, 5, 4, 16).Initialise();
        using var encoder = new AcGanEncoder(8, 4, 16);
        var faces = rand(new long[] { 4, 3, 16, 16 }, generator: new Generator(2)) * Scalars.Of(2) - Scalars.Of(1);
        using var classes = tensor(new long[] { 0, 1, 1, 0 });
        generator.eval(); // frozen, as under its encoder
        Assert.True(encoder.training);

        var (reconstruction, translation) = AcGanTranslation.Run(generator, encoder, faces, classes);

        // By hand, both networks in eval mode (batch norm's running statistics).
        encoder.eval();
        using (no_grad())
        {
            using var z = encoder.call(faces);
            using var own = generator.call(z, classes);
            using var other = generator.call(z, tensor(new long[] { 1, 0, 0, 1 }));
            Assert.True(own.allclose(reconstruction, rtol: 0, atol: 0), "not G(E(x), c)");
            Assert.True(other.allclose(translation, rtol: 0, atol: 0), "not G(E(x), 1 − c)");
            Assert.False(own.allclose(other), "the class made no difference");
        }
        encoder.train();
        // Modes as they were: G frozen in eval, E back in train.
        AcGanTranslation.Run(generator, encoder, faces, classes);
        Assert.False(generator.training);
        Assert.True(encoder.training);
        Assert.False(reconstruction.requires_grad);
    }

    [Fact]
    public void Classes_that_do_not_match_the_faces_are_refused()
    {
        using var generator = new AcGanGenerator(8, 5, 4, 16);
        using var encoder = new AcGanEncoder(8, 4, 16);
        using var faces = zeros(4, 3, 16, 16);
        using var classes = zeros(new long[] { 3 }, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => AcGanTranslation.Run(generator, encoder, faces, classes));
    }
}

using Dino.Repro.Models.Common;

namespace Dino.Repro.Tests.Models;

public class EvalModeTests
{
    [Fact]
    public void Networks_are_in_eval_mode_inside_and_back_in_train_mode_after_even_when_the_work_throws()
    {
        using var dropout = torch.nn.Dropout(0.5);
        using var norm = torch.nn.BatchNorm2d(3);
        Assert.True(dropout.training && norm.training);

        var inside = EvalMode.Run(() => (dropout.training, norm.training), dropout, norm);
        Assert.Equal((false, false), inside);
        Assert.True(dropout.training && norm.training);

        Assert.Throws<InvalidOperationException>(() => EvalMode.Run<int>(() => throw new InvalidOperationException("boom"), dropout, norm));
        Assert.True(dropout.training && norm.training);
    }

    [Fact]
    public void A_network_that_was_in_eval_mode_stays_in_it()
    {
        // A frozen network (the AC-GAN's G under its encoder) must not be switched to train mode by an evaluation.
        using var frozen = torch.nn.BatchNorm2d(3);
        using var trained = torch.nn.BatchNorm2d(3);
        frozen.eval();
        EvalMode.Run(() => 0, frozen, trained);
        Assert.False(frozen.training);
        Assert.True(trained.training);
    }

    [Fact]
    public void Dropout_is_the_identity_in_eval_mode()
    {
        using var dropout = torch.nn.Dropout(0.5);
        using var x = torch.ones(1000);
        using var evaluated = EvalMode.Run(() => dropout.call(x), dropout);
        Assert.True(evaluated.Equals(x));
        using var trained = dropout.call(x);
        Assert.False(trained.Equals(x)); // half the entries are zeroed in train mode
    }
}

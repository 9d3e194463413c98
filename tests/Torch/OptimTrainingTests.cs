using TorchSharp.Modules;

namespace Dino.Repro.Tests.Torch;

/// <summary>The optimisers driving a real module through autograd, as a training loop does.</summary>
public class OptimTrainingTests
{
    private sealed class Line : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter weight = new(zeros(1, 2));
        private readonly Parameter bias = new(zeros(1));

        public Line()
            : base(nameof(Line)) => RegisterComponents();

        public override Tensor forward(Tensor input) => input.matmul(weight.t()) + bias;
    }

    public static TheoryData<string> Names => new("adam", "adamw", "sgd", "rmsprop");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fitting_a_line_drives_the_loss_down(string name)
    {
        using var model = new Line();
        using optim.Optimizer opt = name switch
        {
            "adam" => optim.Adam(model.parameters(), lr: 0.1),
            "adamw" => optim.AdamW(model.parameters(), lr: 0.1, weight_decay: 1e-4),
            "sgd" => optim.SGD(model.parameters(), 0.05, momentum: 0.9, nesterov: true),
            _ => optim.RMSProp(model.parameters(), lr: 0.05, momentum: 0.5),
        };
        using var data = NewDisposeScope();
        var x = tensor(new float[] { 0, 1, 1, 0, 1, 1, 2, -1, -1, 2 }, new long[] { 5, 2 });
        var y = x.matmul(tensor(new float[] { 2, -3 }, new long[] { 2, 1 })) + Scalars.Of(0.5f);

        double Loss()
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            return (model.call(x) - y).square().mean().item<float>();
        }

        var initial = Loss();
        for (var i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var loss = (model.call(x) - y).square().mean();
            loss.backward();
            opt.step();
        }
        Assert.True(Loss() < initial * 1e-3, $"{name}: loss {Loss():G4} from {initial:G4}");
    }
}

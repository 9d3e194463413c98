using Dino.Repro.Models.SpeechToImage;

namespace Dino.Repro.Tests.Models.SpeechToImage;

public class StackGanLossesTests
{
    private static double MeanBce(double[] p, double target) => p.Average(x => -(target * Math.Log(x) + (1 - target) * Math.Log(1 - x)));

    [Fact]
    public void The_critic_takes_wrong_images_as_real_unconditionally_and_as_fake_given_the_caption()
    {
        using var scope = NewDisposeScope();
        double[] rc = [0.9, 0.7],
            ru = [0.8, 0.6],
            wc = [0.4, 0.2],
            wu = [0.7, 0.5],
            fc = [0.3, 0.1],
            fu = [0.2, 0.4];
        Tensor T(double[] v) => tensor(v.Select(x => (float)x).ToArray());
        var loss = StackGanLosses.Critic((T(rc), T(ru)), (T(wc), T(wu)), (T(fc), T(fu)), unconditionalWeight: 1);
        var expected = MeanBce(rc, 1) + MeanBce(wc, 0) + MeanBce(fc, 0) + MeanBce(ru, 1) + MeanBce(wu, 1) + MeanBce(fu, 0);
        Assert.Equal(expected, loss.ToDouble(), 5);
        var generator = StackGanLosses.Generator((T(fc), T(fu)), unconditionalWeight: 1);
        Assert.Equal(MeanBce(fc, 1) + MeanBce(fu, 1), generator.ToDouble(), 5);
    }

    [Fact]
    public void The_class_aware_loss_is_the_mean_score_minus_the_same_class_mean_over_the_feature_size()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var codes = randn(4, 3);
        var labels = tensor(new long[] { 0, 1, 0, 2 });
        var f = codes.to(ScalarType.Float64).data<double>().ToArray();
        double Dot(int i, int j) => Enumerable.Range(0, 3).Sum(k => f[i * 3 + k] * f[j * 3 + k]);
        var all = Enumerable.Range(0, 16).Average(p => Dot(p / 4, p % 4));
        var same = (Dot(0, 2) + Dot(2, 0)) / 2; // the only same-class pair, both orders
        Assert.Equal(Math.Max(0, all - same) / 3, StackGanLosses.ClassAware(codes, labels).ToDouble(), 5);
        Assert.Equal(0, StackGanLosses.ClassAware(codes, tensor(new long[] { 0, 1, 2, 3 })).ToDouble());
    }
}

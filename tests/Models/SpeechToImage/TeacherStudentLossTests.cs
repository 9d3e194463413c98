using Dino.Repro.Models.SpeechToImage;

namespace Dino.Repro.Tests.Models.SpeechToImage;

public class TeacherStudentLossTests
{
    private static double[,] Rows(Tensor t)
    {
        var (n, d) = ((int)t.size(0), (int)t.size(1));
        var values = t.to(ScalarType.Float64).data<double>().ToArray();
        var rows = new double[n, d];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < d; j++)
            rows[i, j] = values[i * d + j];
        return rows;
    }

    [Fact]
    public void The_joint_embedding_loss_is_the_hinge_sum_of_the_reference_over_n_squared()
    {
        manual_seed(1);
        using var scope = NewDisposeScope();
        var speech = randn(5, 4);
        var image = randn(5, 4);
        var labels = tensor(new long[] { 0, 1, 0, 2, 1 });
        var (s, v, l) = (Rows(speech), Rows(image), labels.data<long>().ToArray());
        double Score(int i, int j) => Enumerable.Range(0, 4).Sum(k => v[i, k] * s[j, k]); // image i · speech j
        var expected = 0.0;
        for (var i = 0; i < 5; i++)
        for (var j = 0; j < 5; j++)
        {
            var d = Score(i, j) - Score(j, j);
            expected += l[i] != l[j] ? Math.Max(0, 1 + d) : 0.1 * Math.Max(0, d);
        }
        Assert.Equal(expected / 25, TeacherStudentLoss.JointEmbedding(speech, image, labels, 0.1).ToDouble(), 5);
    }

    [Fact]
    public void The_norm_and_distillation_terms_match_their_closed_forms()
    {
        manual_seed(2);
        using var scope = NewDisposeScope();
        var speech = randn(3, 6);
        var image = randn(3, 6);
        var (s, v) = (Rows(speech), Rows(image));
        double Frobenius(double[,] m) => Math.Sqrt(m.Cast<double>().Sum(x => x * x));
        var (ns, nv) = (Frobenius(s), Frobenius(v));
        var l1 = Enumerable.Range(0, 18).Average(k => Math.Abs(s[k / 6, k % 6] / ns - v[k / 6, k % 6] / nv));
        Assert.Equal(l1, TeacherStudentLoss.Norm(speech, image).ToDouble(), 6);

        // KL(p ‖ q) with p = softmax(image / 2), q = softmax(speech), averaged over all 18 entries.
        var kl = 0.0;
        for (var i = 0; i < 3; i++)
        {
            var p = Enumerable.Range(0, 6).Select(k => Math.Exp(v[i, k] / 2)).ToArray();
            var q = Enumerable.Range(0, 6).Select(k => Math.Exp(s[i, k])).ToArray();
            var (sp, sq) = (p.Sum(), q.Sum());
            kl += Enumerable.Range(0, 6).Sum(k => p[k] / sp * Math.Log(p[k] / sp / (q[k] / sq)));
        }
        Assert.Equal(kl / 18, TeacherStudentLoss.Distillation(speech, image, 2).ToDouble(), 6);

        var loss = new TeacherStudentLoss();
        var labels = tensor(new long[] { 0, 1, 2 });
        var (total, joint, norm, distillation) = loss.Of(speech, image, labels);
        Assert.Equal(joint.ToDouble() + 5 * norm.ToDouble() + 1000 * distillation.ToDouble(), total.ToDouble(), 4);
        Assert.Throws<ArgumentException>(() => TeacherStudentLoss.JointEmbedding(speech, randn(3, 5), labels, 0.1));
    }
}

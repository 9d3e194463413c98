namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// The teacher–student loss that trains the speech encoder against the image encoder's embedding (Li et al. 2020;
/// reference <c>train_audio_encoder.LossFunc</c> and <c>jel.py</c>), all three terms on the same embeddings:
/// the joint-embedding hinge, the norm term (an L1 between batch-normalised embeddings) and the distillation
/// (a KL divergence from the softened image embedding). Weights are the reference run's: same-class 0.1, norm 5,
/// distillation 1000 at T = 2.
/// </summary>
public sealed record TeacherStudentLoss(double SameClassWeight = 0.1, double NormWeight = 5, double DistillationWeight = 1000, double Temperature = 2)
{
    /// <summary>
    /// The joint-embedding loss: S = image · speechᵀ, d[i, j] = S[i, j] − S[j, j]; Σ over different-class pairs of
    /// max(0, 1 + d) plus <paramref name="sameWeight"/> · Σ over same-class pairs of max(0, d), divided by N².
    /// </summary>
    public static Tensor JointEmbedding(Tensor speech, Tensor image, Tensor labels, double sameWeight)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(labels);
        if (!speech.shape.SequenceEqual(image.shape) || speech.dim() != 2 || labels.shape.Length != 1 || labels.size(0) != speech.size(0))
            throw new ArgumentException(
                $"speech and image embeddings are [N, D] alike with N labels, got [{string.Join(", ", speech.shape)}], "
                    + $"[{string.Join(", ", image.shape)}] and [{string.Join(", ", labels.shape)}]"
            );
        using var scope = torch.NewDisposeScope();
        var n = speech.size(0);
        var scores = image.mm(speech.t());
        var d = scores.sub(scores.diag().unsqueeze(0)); // column j minus its diagonal S[j, j]
        var same = labels.unsqueeze(0).eq(labels.unsqueeze(1));
        var different = torch.where(same, torch.zeros_like(d), d.add(Scalars.Of(1)).clamp_min(Scalars.Of(0)));
        var alike = torch.where(same, d.clamp_min(Scalars.Of(0)), torch.zeros_like(d));
        var total = different.sum().add(alike.sum().mul(Scalars.Of(sameWeight)));
        return total.div(Scalars.Of((double)(n * n))).MoveToOuterDisposeScope();
    }

    /// <summary>The norm term: mean |speech / ‖speech‖_F − image / ‖image‖_F| (each batch divided by its Frobenius norm).</summary>
    public static Tensor Norm(Tensor speech, Tensor image)
    {
        using var scope = torch.NewDisposeScope();
        return nn.functional.l1_loss(speech.div(speech.norm()), image.div(image.norm())).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The distillation: KL(softmax(image / T) ‖ softmax(speech)), element-wise mean over [N, D] (PyTorch's <c>kl_div</c>
    /// default), only the teacher's embedding softened by T, as the reference.
    /// </summary>
    public static Tensor Distillation(Tensor speech, Tensor image, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var student = speech.log_softmax(1);
        var teacher = image.div(Scalars.Of(temperature)).softmax(1);
        var pointwise = teacher.mul(teacher.log().sub(student));
        return pointwise.mean().MoveToOuterDisposeScope();
    }

    /// <summary>The weighted sum, and each term for the log.</summary>
    public (Tensor Total, Tensor Joint, Tensor Norm, Tensor Distillation) Of(Tensor speech, Tensor image, Tensor labels)
    {
        var joint = JointEmbedding(speech, image, labels, SameClassWeight);
        var norm = Norm(speech, image);
        var distillation = Distillation(speech, image, Temperature);
        var total = joint.add(norm.mul(Scalars.Of(NormWeight))).add(distillation.mul(Scalars.Of(DistillationWeight)));
        return (total, joint, norm, distillation);
    }
}

namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// Raw P.862 score → MOS-LQO: 0.999 + 4 / (1 + exp(−a·x + b)), with (a, b) = (1.4945, 4.6607) for narrowband
/// (P.862.1) and (1.3669, 3.8224) for wideband (P.862.2); in single precision like the reference.
/// </summary>
public static class MosLqoMapping
{
    public static float Map(float rawMos, PesqMode mode)
    {
        var (slope, offset) = mode == PesqMode.Narrowband ? (1.4945f, 4.6607f) : (1.3669f, 3.8224f);
        return 0.999f + 4.0f / (1.0f + (float)Math.Exp(-slope * rawMos + offset));
    }
}

namespace Dino.Repro.Evaluation.Metrics.Audio;

/// <summary>
/// Which mel-cepstral distance: the papers' "MCD" (Kubichek 1993) is computed in incompatible ways by the common
/// tools, so every score names its variant. DINO's Table 3 (video-to-speech on GRID) cites Kubichek 1993 and names
/// no implementation; its values (ground truth 0.0, DINO 23.0 … conditional WaveGAN 43.7) are on the dB scale of
/// 10/ln 10·√(2Σ Δc²) with the level term kept, the scale of <see cref="Espnet"/> (22.8 dB for speech in white noise
/// at 5 dB SNR), not of <see cref="Taubert"/> (no dB factor, 11.1 for that pair). The kit compares against Table 3
/// with <see cref="Espnet"/>, and such comparisons stay indicative: the paper's framing and order are unknown.
/// </summary>
public enum McdVariant
{
    /// <summary>
    /// mel-cepstral-distance 0.0.4 (Taubert): DCT of log mel energies, MC_2..MC_16, no dB factor; see <see cref="MelCepstralDistance"/>.
    /// </summary>
    Taubert,

    /// <summary>
    /// ESPnet's evaluate_mcd.py: SPTK mcep, fastdtw radius 1 on c0..c_M, 10/ln 10·√(2Σ Δc²) dB; see <see cref="SptkMelCepstralDistance"/>.
    /// </summary>
    Espnet,

    /// <summary>The same SPTK mcep features compared frame by frame over c1..c_M (no DTW, c0 excluded).</summary>
    SptkNoDtw,
}

namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>Narrowband P.862 (+ P.862.1 mapping; 8 or 16 kHz) or wideband P.862.2 (16 kHz only).</summary>
public enum PesqMode
{
    Narrowband,
    Wideband,
}

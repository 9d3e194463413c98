namespace Dino.Repro.Tests.Data.SoundVideo;

/// <summary>Listen and Move's 64 HTK mel bands over 125–7500 Hz, computed here from the formula (not from lib/Signal).</summary>
internal static class HtkBands
{
    private static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);

    /// <summary>Band m's triangle peaks at the (m+1)-th of 66 points evenly spaced in mel from mel(125) to mel(7500).</summary>
    public static double PeakHz(int band)
    {
        var mel = Mel(125) + (band + 1) * (Mel(7500) - Mel(125)) / 65;
        return 700 * (Math.Pow(10, mel / 2595) - 1);
    }
}

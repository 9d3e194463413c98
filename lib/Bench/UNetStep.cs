namespace Dino.Repro.Bench;

/// <summary>One pix2pix-style U-Net training step (filled in when the layer modules land).</summary>
internal static class UNetStep
{
    public static double MedianMilliseconds() => double.NaN;
}

namespace Dino.Repro.Evaluation.ImageToImage;

/// <summary>Table 1's columns: their keys in results.json, and their headers in the paper's order.</summary>
public static class Table1Metrics
{
    public const string Psnr = "psnr";
    public const string Ssim = "ssim";
    public const string Cpbd = "cpbd";
    public const string Fid = "fid";
    public const string PixelAccuracy = "pixel_accuracy";
    public const string MeanIou = "miou";

    public static IReadOnlyList<string> Keys { get; } = [Psnr, Ssim, Cpbd, Fid, PixelAccuracy, MeanIou];
    public static IReadOnlyList<string> Headers { get; } = ["PSNR", "SSIM", "CPBD", "FID", "Pix. Acc. %", "mIoU %"];

    /// <summary>Whether the table prints <paramref name="key"/> as a percentage (the accuracies).</summary>
    public static bool IsPercentage(string key) => key is PixelAccuracy or MeanIou;

    /// <summary>Whether a lower value of <paramref name="key"/> is better (FID); every other column is better higher.</summary>
    public static bool LowerIsBetter(string key) => key is Fid;

    /// <summary>What a cell says instead of a number when the network that measures it is missing.</summary>
    public static string Unavailable(string missing) => $"n/a — {missing}";

    /// <summary>A table cell the kit could not measure; the notes under the table say why.</summary>
    public const string NotAvailable = "n/a";

    /// <summary>CPBD's cell for images smaller than its 64² block.</summary>
    public const string TooSmallForCpbd = "n/a (< 64²)";
}

/// <summary>
/// One row of Table 1: a method's value per metric key; null = not measured (FID without the Inception evaluator, PSNR of the ground truth).
/// </summary>
public sealed record MethodScores(string Method, IReadOnlyDictionary<string, double?> Values)
{
    /// <summary>The values in <see cref="Table1Metrics.Keys"/> order, accuracies as percentages like the paper prints them.</summary>
    public double?[] AsTableRow() =>
        Table1Metrics
            .Keys.Select(k => Values.GetValueOrDefault(k) is { } v && Table1Metrics.IsPercentage(k) ? v * 100 : Values.GetValueOrDefault(k))
            .ToArray();
}

using System.Globalization;

namespace Dino.Repro.App.Reproduce;

/// <summary>
/// The references' training length at the paper preset: 200 epochs for DINO, pix2pix and BicycleGAN alike (DINO: 200 with
/// a linear decay; the baselines: 100 constant + 100 decaying), over the training split of the corpus actually read.
/// The experiments' paper presets hold CelebAMask-HQ's figure; a table resets it from the corpus, so Cityscapes' 2,975
/// training pairs get their own 200 epochs instead of CelebAMask-HQ's step count.
/// </summary>
public static class PaperSchedule
{
    public const int Epochs = 200;

    /// <summary>
    /// Steps of <see cref="Epochs"/> epochs of <paramref name="trainPairs"/> at <paramref name="batchSize"/>, the last partial batch dropped.
    /// </summary>
    public static int Steps(int trainPairs, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var perEpoch = trainPairs / batchSize;
        if (perEpoch < 1)
            throw new ArgumentException($"{trainPairs} training pair(s) do not fill one batch of {batchSize}");
        return checked(Epochs * perEpoch);
    }

    /// <summary>The step override for one row, unless the user set steps themselves (then null).</summary>
    public static KeyValuePair<string, string>? Override(IEnumerable<KeyValuePair<string, string>> userOverrides, int trainPairs, int batchSize) =>
        userOverrides.Any(o => o.Key == "steps")
            ? null
            : KeyValuePair.Create("steps", Steps(trainPairs, batchSize).ToString(CultureInfo.InvariantCulture));
}

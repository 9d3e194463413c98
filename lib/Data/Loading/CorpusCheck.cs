using System.Globalization;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;

namespace Dino.Repro.Data.Loading;

/// <summary>
/// The kit's side of preparing a real corpus: open it where its data-script put it with the kit's own reader and say
/// what the reader sees, so a layout the reader cannot use fails at prepare time rather than at the first training step.
/// </summary>
public static class CorpusCheck
{
    /// <summary>
    /// One line on what the reader finds at <paramref name="root"/>, or null when the kit has no reader for
    /// <paramref name="corpus"/> yet. A folder the reader cannot use raises the reader's exception (it names the path).
    /// </summary>
    public static string? Describe(string corpus, string root) => corpus switch
    {
        "celebamask-hq" => CelebAMaskHq(new CelebAMaskHqCorpus(root)),
        "cityscapes" => Cityscapes(new CityscapesCorpus(root)),
        _ => null,
    };

    private static string CelebAMaskHq(CelebAMaskHqCorpus corpus)
    {
        var counts = Enum.GetValues<CelebASplit>().Select(s => $"{corpus.Ids(s).Count.ToString(CultureInfo.InvariantCulture)} {s.ToString().ToLowerInvariant()}");
        return $"CelebAMask-HQ at {corpus.Root}: {string.Join(", ", counts)} ids";
    }

    private static string Cityscapes(CityscapesCorpus corpus)
    {
        var counts = new[] { "train", "val" }.Select(s => $"{corpus.Frames(s).Count.ToString(CultureInfo.InvariantCulture)} {s}");
        return $"Cityscapes at {corpus.Root}: {string.Join(", ", counts)} labelled frames";
    }
}

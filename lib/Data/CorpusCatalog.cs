namespace Dino.Repro.Data;

/// <summary>A corpus the kit knows: real (prepared by a data-script) or embedded (made on the spot).</summary>
public sealed record CorpusEntry(string Name, bool Embedded, string Description, string Layout);

/// <summary>
/// The corpora and where real ones are expected (see <see cref="ExpectedPath"/>).
/// </summary>
public static class CorpusCatalog
{
    /// <summary>Real corpora first (one line each), then the embedded ones from <see cref="EmbeddedCorpora"/>.</summary>
    public static IReadOnlyList<CorpusEntry> All { get; } =
    [
        .. Real(),
        .. EmbeddedCorpora.All.Select(c => new CorpusEntry(c.Name, true, c.Description, $"{c.StandsFor} layout")),
    ];

    private static CorpusEntry[] Real() =>
    [
        new("celebamask-hq", false, "CelebAMask-HQ: 30,000 faces 1024² with 19-label part masks 512² (DINO image-to-image)",
            "CelebA-HQ-img/, CelebAMask-HQ-mask-anno/, CelebA-HQ-to-CelebA-mapping.txt"),
        new("cityscapes", false, "Cityscapes gtFine: street scenes 2048×1024, 19 train ids (pix2pix/DINO labels→photo)",
            "leftImg8bit/<split>/<city>/, gtFine/<split>/<city>/"),
        new("youtubers", false, "YouTubers talking heads: speech windows (4 s, 16 kHz) + 64² Haar faces per identity (Wav2Pix)", "videos/<identity>/<video>.mp4|mkv|webm|avi|mov"),
        new("sound-video", false, "Single videos with sound: 20 fps frames + 64-band log-mel per frame, first 80% train (Listen and Move)", "<clip>.mp4|mkv|webm|mov, one experiment per clip"),
    ];

    /// <summary>
    /// Where a real corpus is expected on disk (whether or not it is there): <c>&lt;data root&gt;/&lt;name&gt;/raw</c>,
    /// where its data-script unpacks it (data root = <c>$DINO_DATA</c> or <c>&lt;kit&gt;/data</c>).
    /// </summary>
    public static string ExpectedPath(string name) => Path.Combine(Dino.Repro.IO.KitPaths.DataRoot(), name, "raw");

}

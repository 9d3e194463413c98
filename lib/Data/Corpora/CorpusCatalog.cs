namespace Dino.Repro.Data.Corpora;

/// <summary>A corpus the kit knows: real (prepared by a data-script) or embedded (made on the spot).</summary>
public sealed record CorpusEntry(string Name, bool Embedded, string Description, string Layout)
{
    /// <summary>"embedded" or "real", as the listings print it.</summary>
    public string Kind => Embedded ? "embedded" : "real";
}

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
        new("grid", false, "GRID: 33 speakers with video × 1000 sentences, 25 fps MPEG + 50 kHz audio + word alignments (DINO video-to-speech)",
            "s<N>/<id>.mpg, s<N>/<id>.wav, s<N>/align/<id>.align"),
        new("cub-200", false, "CUB-200-2011 birds + Reed et al.'s 10 captions per image, 150/50 classes (speech-to-image)", "CUB_200_2011/, cvpr2016_cub/text_c10/"),
        new("oxford-102", false, "Oxford-102 flowers + Reed et al.'s 10 captions per image, 82/20 classes (speech-to-image)", "jpg/, imagelabels.mat, cvpr2016_flowers/text_c10/"),
        new("celeba", false, "CelebA aligned faces, the Male attribute as two classes, 80/20 per class (AC-GAN translation)", "img_align_celeba/, list_attr_celeba.txt"),
        new("youtubers", false, "YouTubers talking heads: speech windows (4 s, 16 kHz) + 64² Haar faces per identity (Wav2Pix)", "videos/<identity>/<video>.mp4|mkv|webm|avi|mov"),
        new("sound-video", false, "Single videos with sound: 20 fps frames + 64-band log-mel per frame, first 80% train (Listen and Move)", "<clip>.mp4|mkv|webm|mov, one experiment per clip"),
    ];

}

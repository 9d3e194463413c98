using System.Globalization;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.YouTubers;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// The kit's side of preparing a real corpus (each corpus' <see cref="CorpusDefinition.Describe"/>): open it where its
/// data-script put it with the kit's own reader and say what the reader sees, so a layout the reader cannot use fails at
/// prepare time rather than at the first training step. A folder the reader cannot use raises the reader's exception.
/// </summary>
public static class CorpusCheck
{
    public static string CelebAMaskHq(string root)
    {
        var corpus = new CelebAMaskHqCorpus(root);
        var counts = Enum.GetValues<CelebASplit>().Select(s => $"{corpus.Ids(s).Count.ToString(CultureInfo.InvariantCulture)} {Name(s)}");
        return $"CelebAMask-HQ at {corpus.Root}: {string.Join(", ", counts)} ids";
    }

    public static string Cityscapes(string root)
    {
        var corpus = new CityscapesCorpus(root);
        var counts = new[] { "train", "val" }.Select(s => $"{corpus.Frames(s).Count.ToString(CultureInfo.InvariantCulture)} {s}");
        return $"Cityscapes at {corpus.Root}: {string.Join(", ", counts)} labelled frames";
    }

    public static string Grid(string root)
    {
        using var corpus = new GridCorpus(root);
        var splits = Enum.GetValues<GridSplitName>();
        var utterances = splits.Select(corpus.Utterances).ToArray();
        if (utterances.All(u => u.Count == 0))
            throw new InvalidDataException(
                $"{corpus.Root}: no speaker folder s1…s{GridLayout.SpeakerCount} holds a {GridLayout.VideoExtension} video "
                    + "(expected s<N>/<id>.mpg, s<N>/<id>.wav, s<N>/align/<id>.align)"
            );
        var speakers = splits.Select((s, i) => $"{utterances[i].Select(u => u.Speaker).Distinct().Count()} {Name(s)}");
        var counts = splits.Select((s, i) => $"{utterances[i].Count} {Name(s)}");
        var line =
            $"GRID at {corpus.Root}: speakers {string.Join(", ", speakers)}; utterances {string.Join(", ", counts)} (the speaker-independent split)";
        // The reader needs all three files of an utterance; say how many lack one rather than fail on the first.
        var incomplete = utterances
            .SelectMany(u => u)
            .Where(u =>
                !File.Exists(GridLayout.AudioPath(corpus.Root, u.Speaker, u.Id))
                || !File.Exists(GridLayout.AlignmentPath(corpus.Root, u.Speaker, u.Id))
            )
            .ToArray();
        return incomplete.Length == 0
            ? line
            : $"{line}; {incomplete.Length} without their .wav or .align (e.g. "
                + $"{GridLayout.VideoPath(corpus.Root, incomplete[0].Speaker, incomplete[0].Id)}): bad_samples=skip leaves them out";
    }

    public static string Captioned(string title, ICaptionedImageCorpus corpus)
    {
        var splits = Enum.GetValues<CaptionSplit>();
        var images = splits.Select(corpus.Images).ToArray();
        var classes = splits.Select((s, i) => $"{images[i].Select(image => image.ClassName).Distinct().Count()} {Name(s)}");
        var counts = splits.Select((s, i) => $"{images[i].Count} {Name(s)}");
        return $"{title} at {corpus.Root}: classes {string.Join(", ", classes)}; images {string.Join(", ", counts)}; "
            + $"{corpus.All.Sum(image => image.Captions.Count)} captions";
    }

    public static string CelebA(string root)
    {
        var corpus = new CelebAGenderCorpus(root);
        var splits = Enum.GetValues<CelebAGenderSplit>()
            .Select(s =>
            {
                var images = corpus.Images(s);
                var male = images.Count(i => i.ClassId == CelebAGenderCorpus.Male);
                return $"{images.Count} {Name(s)} ({images.Count - male} female, {male} male)";
            });
        var line = $"CelebA at {corpus.Root}: images {string.Join(", ", splits)}";
        var missing = Enum.GetValues<CelebAGenderSplit>().SelectMany(corpus.Images).Where(i => !File.Exists(i.ImagePath)).ToArray();
        return missing.Length == 0
            ? line
            : $"{line}; {missing.Length} of the listed images are missing (e.g. {missing[0].ImagePath}): bad_samples=skip leaves them out";
    }

    public static string YouTubers(string root)
    {
        root = Path.GetFullPath(root);
        var videos = YouTubersLayout.Videos(root, YouTubersOptions.Thesis.HeldOutVideos);
        return $"YouTubers at {root}: {videos.Select(v => v.Identity).Distinct().Count()} identities; "
            + $"videos {videos.Count(v => v.Split == FacePairSplit.Train)} train, {videos.Count(v => v.Split == FacePairSplit.UnseenUtterances)} "
            + "held out";
    }

    public static string SoundVideo(string root)
    {
        root = Path.GetFullPath(root);
        // Frame counts do not depend on the frame size; a small one keeps a long clip light in memory.
        var options = new SoundVideoOptions(Size: 16);
        var clips = new List<string>();
        foreach (var clip in SoundVideoCorpus.LoadEach(root, options))
        {
            using (clip)
                clips.Add($"{Path.GetFileName(clip.Path)}: frames {clip.Train.Length} train, {clip.Validation.Length} validation");
        }
        if (clips.Count == 0)
            throw new InvalidDataException($"{root} holds no video clip (expected <clip>{string.Join("|", SoundVideoCorpus.VideoExtensions)})");
        return $"sound-video at {root}: {clips.Count} {(clips.Count == 1 ? "clip" : "clips")} at {options.EffectiveFeatures.Fps} fps; "
            + $"{string.Join("; ", clips)}";
    }

    /// <summary>FSD50K's development clips: how many, and the first's rate (its header read).</summary>
    public static string Fsd50k(string root)
    {
        var files = OutOfDistributionSounds.Files(Path.Combine(root, OutOfDistributionSounds.Fsd50kDevAudio));
        var first = Signal.WavFile.ReadHeader(files[0]);
        return $"{OutOfDistributionSounds.Fsd50kName} at {root}: {files.Count} development clips (.wav; the first at {first.SampleRate} Hz)";
    }

    private static string Name<TSplit>(TSplit split)
        where TSplit : struct, Enum => split.ToString().ToLowerInvariant();
}

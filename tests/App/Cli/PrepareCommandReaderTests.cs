using System.Text.RegularExpressions;
using Dino.Repro.App.Cli;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Data.CelebA;
using Dino.Repro.Tests.Data.Cub200;
using Dino.Repro.Tests.Data.Grid;
using Dino.Repro.Tests.Data.Oxford102;
using Dino.Repro.Tests.Data.SoundVideo;
using Dino.Repro.Tests.Data.YouTubers;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.App.Cli;

/// <summary>
/// `dino corpus prepare NAME` after its data-script (as the script calls it back): each real corpus, written tiny in its
/// real on-disk format by the readers' own fixtures, is opened by the kit's reader, summarised, and its cache built.
/// </summary>
public sealed class PrepareCommandReaderTests : IDisposable
{
    private readonly Fixtures.TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Data => temp.File("data");

    private string Raw(string corpus) => Path.Combine(Data, corpus, "raw");

    // As the data-script's callback: the reader check and the cache only, no script to run.
    private (int Code, string Stdout, string Stderr) Prepare(string corpus) =>
        CliRunner.Capture(() => PrepareCommand.Run(corpus, temp.File("no-scripts"), Data, calledByScript: true));

    [Fact]
    public void Grid_counts_speakers_and_utterances_per_part_of_the_speaker_independent_split()
    {
        // Speakers 1 and 3 train, 9 validates, 2 tests (GridSplit); one utterance of speaker 3 lost its alignment.
        foreach (var (speaker, id) in new[] { (1, "bbaf2n"), (1, "bbaf3n"), (3, "bbaf2n"), (9, "bbaf2n"), (2, "bbaf2n") })
            GridFixture.Write(Raw("grid"), speaker, id);
        File.Delete(GridLayout.AlignmentPath(Raw("grid"), 3, "bbaf2n"));
        var (code, stdout, stderr) = Prepare("grid");
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("speakers 2 train, 1 val, 1 test; utterances 3 train, 1 val, 1 test", stdout);
        Assert.Contains($"1 without their .wav or .align (e.g. {GridLayout.VideoPath(Raw("grid"), 3, "bbaf2n")})", stdout);
    }

    [Fact]
    public void Grid_without_any_speaker_video_fails_naming_the_folder_and_the_layout()
    {
        Directory.CreateDirectory(Path.Combine(Raw("grid"), "s1", "align"));
        var (code, _, stderr) = Prepare("grid");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"the kit's reader cannot use grid at {Raw("grid")}", stderr);
        Assert.Contains("s<N>/<id>.mpg", stderr);
    }

    [Theory]
    [InlineData(CubLayout.CorpusName)]
    [InlineData(Oxford102Corpus.CorpusName)]
    public void Captioned_birds_and_flowers_count_the_class_split_and_get_every_caption_spoken_once(string corpus)
    {
        // Both fixtures: three classes, two of them training, two images each, ten captions an image.
        if (corpus == CubLayout.CorpusName)
            CubFixture.Write(Raw(corpus));
        else
            Oxford102Fixture.Write(Raw(corpus));
        var (code, stdout, stderr) = Prepare(corpus);
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("classes 2 train, 1 test; images 4 train, 2 test; 60 captions", stdout);
        var speech = Path.Combine(Data, corpus, "speech");
        Assert.Contains($"spoken captions at {speech}: 60 spoken now, 0 already there", stdout);
        Assert.Contains("speaking captions: 60/60", stderr);

        // Where training looks for them: every utterance of every image, 16 kHz speech.
        var images = corpus == CubLayout.CorpusName ? (ICaptionedImageCorpus)new CubCorpus(Raw(corpus)) : new Oxford102Corpus(Raw(corpus));
        var cache = SpokenCaptionCache.ForCorpus(corpus, dataRoot: Data);
        var wavs = images.All.SelectMany(cache.RequirePaths).ToArray();
        Assert.Equal(60, wavs.Distinct().Count());
        var first = WavFile.Read(wavs[0]);
        Assert.Equal(16_000, first.SampleRate);
        Assert.True(first.Length > 8_000, $"a spoken caption of {first.Length} samples is too short to be speech");

        (code, stdout, stderr) = Prepare(corpus);
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("0 spoken now, 60 already there", stdout);
    }

    [Fact]
    public void CelebA_counts_each_gender_per_split_and_names_a_listed_image_that_is_missing()
    {
        CelebAFixture.Write(Raw("celeba"));
        var missing = Path.Combine(Raw("celeba"), "img_align_celeba", "000009.jpg");
        File.Delete(missing);
        var (code, stdout, stderr) = Prepare("celeba");
        Assert.True(code == ExitCodes.Ok, stderr);
        // Women 2 3 5 7 8 and men 1 4 6 9: the first ⌊0.8·n⌋ of each train.
        Assert.Contains("images 7 train (4 female, 3 male), 2 test (1 female, 1 male)", stdout);
        Assert.Contains($"1 of the listed images are missing (e.g. {missing})", stdout);
    }

    [Fact]
    public void YouTubers_counts_identities_and_videos_then_extracts_the_face_speech_pairs_where_training_reads_them()
    {
        TalkingHeadFolder.Write(Raw("youtubers"));
        var (code, stdout, stderr) = Prepare("youtubers");
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("2 identities; videos 2 train, 2 held out", stdout);
        // Faces at 2 s and 4 s of each 7 s video; the second video of each identity is held out.
        var cache = Path.Combine(YouTubersCorpus.DefaultCacheRoot(Data), YouTubersOptions.Thesis.CacheKey(Raw("youtubers")));
        Assert.Contains($"(face, speech) pairs at {cache}: 4 train, 4 held out, of 2 identities", stdout);
        Assert.True(File.Exists(Path.Combine(cache, "manifest.json")));
    }

    [Fact]
    public void Sound_video_reads_every_clip_and_splits_its_frames_80_20_and_a_corrupt_clip_fails_naming_it()
    {
        SoundVideoFixture.WriteClip(Raw("sound-video"), "a");
        SoundVideoFixture.WriteClip(Raw("sound-video"), "b");
        var (code, stdout, stderr) = Prepare("sound-video");
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains($"sound-video at {Raw("sound-video")}: 2 clips at 20 fps", stdout);
        foreach (var clip in new[] { "a.mp4", "b.mp4" })
        {
            var counts = Regex.Match(stdout, Regex.Escape(clip) + @": frames (\d+) train, (\d+) validation");
            Assert.True(counts.Success, stdout);
            var (train, validation) = (int.Parse(counts.Groups[1].Value), int.Parse(counts.Groups[2].Value));
            Assert.InRange(train + validation, 76, SoundVideoFixture.Frames); // 4 s at 20 fps; AAC may end a few ms early
            Assert.Equal((train + validation) * 4 / 5, train);
        }

        var corrupt = Path.Combine(Raw("sound-video"), "c.mp4");
        File.WriteAllBytes(corrupt, Enumerable.Range(0, 5000).Select(i => (byte)(i * 37)).ToArray());
        (code, _, stderr) = Prepare("sound-video");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(corrupt, stderr);
    }

    [Fact]
    public void Fsd50k_counts_the_development_clips_and_an_empty_folder_fails_naming_it()
    {
        var audio = Path.Combine(Raw("fsd50k"), "FSD50K.dev_audio");
        Directory.CreateDirectory(audio);
        var (code, _, stderr) = Prepare("fsd50k");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(audio, stderr);
        for (var i = 0; i < 3; i++)
            Dino.Repro.Signal.WavFile.Write(Path.Combine(audio, $"{i}.wav"), new float[44100], 44100);
        (code, var stdout, stderr) = Prepare("fsd50k");
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains($"fsd50k at {Raw("fsd50k")}: 3 development clips (.wav; the first at 44100 Hz)", stdout);
    }
}

using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;
using Dino.Repro.Tests.Support;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.Grid;

public class GridCorpusTests
{
    [Fact]
    public void Loads_a_3_s_clip_of_a_2_s_utterance_padded_with_the_last_frame_and_silence()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        using var example = corpus.Load(utterance);

        Assert.Equal([75L, 3, 96, 96], example.Video.shape);
        Assert.InRange(example.Video.min().ToSingle(), -1f, 1f);
        Assert.InRange(example.Video.max().ToSingle(), -1f, 1f);
        // The video has 50 frames; frames 50..74 repeat frame 49.
        using (var last = example.Video.narrow(0, 49, 1))
        using (var padding = example.Video.narrow(0, 50, 25))
        using (var difference = padding.sub(last).abs().max())
            Assert.Equal(0f, difference.ToSingle());

        // 48,000 samples at 16 kHz: the 50 kHz sine resampled (2 s = 32,000 samples), then exact silence.
        Assert.Equal([48_000L], example.Audio.shape);
        var audio = example.Audio.ToArray<float>();
        for (var n = 200; n < 31_800; n++)
            Assert.True(
                Math.Abs(audio[n] - GridFixture.ToneAmplitude * Math.Sin(2 * Math.PI * GridFixture.ToneHz * n / 16_000)) < 2e-3,
                $"sample {n}: {audio[n]}"
            );
        Assert.All(audio[32_000..], s => Assert.Equal(0f, s));

        Assert.Equal("bin blue at f two now", example.Text);
        Assert.Equal(utterance, example.Utterance);
    }

    [Fact]
    public void Alignment_times_are_converted_from_units_of_1_over_25000_s()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        var words = corpus.ReadWords(utterance);
        Assert.Equal(["bin", "blue", "at", "f", "two", "now"], words.Select(w => w.Word));
        // 23750 / 25000 = 0.95 s (video frame 23.75); 48000 / 25000 = 1.92 s.
        Assert.Equal(0.95, words[0].StartSeconds, 12);
        Assert.Equal(1.18, words[0].EndSeconds, 12);
        Assert.Equal(1.76, words[^1].StartSeconds, 12);
        Assert.Equal(1.92, words[^1].EndSeconds, 12);
    }

    [Fact]
    public void A_later_start_frame_shifts_video_and_audio_together()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        using var whole = corpus.Load(utterance, new GridClipOptions { Frames = 40 });
        using var later = corpus.Load(utterance, new GridClipOptions { Frames = 10, StartFrame = 25 });
        using (var expected = whole.Video.narrow(0, 25, 10))
        using (var difference = later.Video.sub(expected).abs().max())
            Assert.Equal(0f, difference.ToSingle());
        // 25 frames = 1 s = 16,000 samples later.
        var audio = later.Audio.ToArray<float>();
        Assert.Equal(6_400, audio.Length);
        for (var n = 0; n < audio.Length; n++)
            Assert.True(
                Math.Abs(audio[n] - GridFixture.ToneAmplitude * Math.Sin(2 * Math.PI * GridFixture.ToneHz * (n + 16_000) / 16_000)) < 2e-3,
                $"sample {n}"
            );
        Assert.Equal(1.0, later.StartSeconds, 12);
    }

    [Fact]
    public void The_haar_face_box_puts_the_drawn_mouth_inside_the_crop()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        using var frames = corpus.ReadFrames(utterance);
        Assert.Equal([50L, 96, 96, 3], frames.shape);
        using var detector = FaceDetector.Load();
        var face = FaceLocator.Locate(detector, frames, "fixture");
        var square = MouthRegion.Default.In(face, 96, 96);
        var (mouthX, mouthY) = GridFixture.Face.MouthCentre(96);
        Assert.InRange(mouthX, square.X + square.Side * 0.25, square.X + square.Side * 0.75);
        Assert.InRange(mouthY, square.Y + square.Side * 0.25, square.Y + square.Side * 0.75);
    }

    [Fact]
    public void Mouth_crops_follow_the_drawn_opening()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        using var example = corpus.Load(
            utterance,
            new GridClipOptions
            {
                Frames = 50,
                Grayscale = true,
                Size = 32,
            }
        );
        Assert.Equal([50L, 1, 32, 32], example.Video.shape);
        // The open mouth is dark: the crop's mean brightness falls as the drawn opening grows.
        var brightness = Enumerable
            .Range(0, 50)
            .Select(t =>
            {
                using var frame = example.Video.select(0, t);
                using var mean = frame.mean();
                return (double)mean.ToSingle();
            })
            .ToArray();
        var opening = Enumerable.Range(0, 50).Select(GridFixture.Opening).ToArray();
        Assert.True(Correlation.Pearson(opening, brightness) < -0.9, $"r = {Correlation.Pearson(opening, brightness)}");
    }

    [Fact]
    public void Grayscale_crops_are_the_luma_of_the_colour_crops()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        using var corpus = new GridCorpus(dir.Root);
        var face = new FaceBox(20, 10, 56, 56, 1);
        using var colour = corpus.Load(utterance, new GridClipOptions { Frames = 3, Size = 24 }, face);
        using var grey = corpus.Load(
            utterance,
            new GridClipOptions
            {
                Frames = 3,
                Size = 24,
                Grayscale = true,
            },
            face
        );
        var rgb = colour.Video.ToArray<float>().Select(v => (int)Math.Round((v + 1) * 127.5)).ToArray();
        var luma = grey.Video.ToArray<float>().Select(v => (int)Math.Round((v + 1) * 127.5)).ToArray();
        var plane = 24 * 24;
        for (var t = 0; t < 3; t++)
        for (var p = 0; p < plane; p++)
        {
            int R = rgb[(t * 3 + 0) * plane + p],
                G = rgb[(t * 3 + 1) * plane + p],
                B = rgb[(t * 3 + 2) * plane + p];
            Assert.Equal((19595 * R + 38470 * G + 7471 * B + 32768) >> 16, luma[t * plane + p]);
        }
    }

    [Fact]
    public void Lists_utterances_per_speaker_and_by_split()
    {
        using var dir = new Fixtures.TempFolder();
        foreach (var (speaker, id) in new[] { (1, "bbaf2n"), (1, "lgaz8p"), (2, "swwv7a"), (9, "pric1n") })
        {
            Directory.CreateDirectory(Path.Combine(dir.Root, $"s{speaker}"));
            File.WriteAllBytes(Path.Combine(dir.Root, $"s{speaker}", id + ".mpg"), []);
        }
        using var corpus = new GridCorpus(dir.Root);
        Assert.Equal([1, 2, 9], corpus.Speakers());
        Assert.Equal(["bbaf2n", "lgaz8p"], corpus.Utterances(1));
        Assert.Equal([new GridUtterance(1, "bbaf2n"), new GridUtterance(1, "lgaz8p")], corpus.Utterances(GridSplitName.Train));
        Assert.Equal([new GridUtterance(9, "pric1n")], corpus.Utterances(GridSplitName.Val));
        Assert.Equal([new GridUtterance(2, "swwv7a")], corpus.Utterances(GridSplitName.Test));
    }

    [Fact]
    public void Training_can_leave_out_every_sentence_a_test_speaker_says()
    {
        using var dir = new Fixtures.TempFolder();
        // Speaker 2 (test) says "bbaf2n", as do speakers 1 (train) and 9 (validation); "lgaz8p" only speaker 1.
        foreach (var (speaker, id) in new[] { (1, "bbaf2n"), (1, "lgaz8p"), (2, "bbaf2n"), (2, "swwv7a"), (9, "bbaf2n"), (9, "pric1n") })
        {
            Directory.CreateDirectory(Path.Combine(dir.Root, $"s{speaker}"));
            File.WriteAllBytes(Path.Combine(dir.Root, $"s{speaker}", id + ".mpg"), []);
        }
        using var corpus = new GridCorpus(dir.Root);
        Assert.Equal([new GridUtterance(1, "lgaz8p")], corpus.UtterancesWithoutTestPhrases(GridSplitName.Train));
        Assert.Equal([new GridUtterance(9, "pric1n")], corpus.UtterancesWithoutTestPhrases(GridSplitName.Val));
        Assert.Equal(corpus.Utterances(GridSplitName.Test), corpus.UtterancesWithoutTestPhrases(GridSplitName.Test));
    }

    [Fact]
    public void A_truncated_wav_is_an_error_naming_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        var wav = Path.Combine(dir.Root, "s3", "bbaf2n.wav");
        var bytes = File.ReadAllBytes(wav);
        File.WriteAllBytes(wav, bytes[..(bytes.Length / 2)]);
        using var corpus = new GridCorpus(dir.Root);
        var error = Assert.Throws<InvalidDataException>(() => corpus.Load(utterance));
        Assert.Contains(wav, error.Message);
    }

    [Fact]
    public void A_bad_alignment_line_is_an_error_naming_the_file_and_line()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        var align = Path.Combine(dir.Root, "s3", "align", "bbaf2n.align");
        File.WriteAllText(align, "0 23750 sil\n23750 2x500 bin\n");
        using var corpus = new GridCorpus(dir.Root);
        var error = Assert.Throws<InvalidDataException>(() => corpus.Load(utterance));
        Assert.Contains(align, error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void A_missing_or_corrupt_video_is_an_error_naming_the_file()
    {
        using var dir = new Fixtures.TempFolder();
        var utterance = GridFixture.Write(dir.Root);
        var video = Path.Combine(dir.Root, "s3", "bbaf2n.mpg");
        using var corpus = new GridCorpus(dir.Root);

        File.WriteAllBytes(video, Enumerable.Range(0, 4000).Select(i => (byte)(i * 37 % 251)).ToArray());
        var corrupt = Assert.Throws<InvalidDataException>(() => corpus.Load(utterance));
        Assert.Contains(video, corrupt.Message);

        File.Delete(video);
        var missing = Assert.Throws<FileNotFoundException>(() => corpus.Load(utterance));
        Assert.Contains(video, missing.Message);
    }

    [Fact]
    public void A_missing_root_says_how_to_get_the_corpus()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => new GridCorpus("/nonexistent/grid/raw"));
        Assert.Contains("data-scripts/grid.sh", error.Message);
        Assert.Contains("spoken-grid", error.Message);
    }

    [Theory]
    [InlineData("wav")]
    [InlineData("mpg")]
    [InlineData("align")]
    public void An_unreadable_utterance_stops_the_read_naming_its_file_by_default_and_is_skipped_and_reported_on_request(string broken)
    {
        using var dir = new Fixtures.TempFolder();
        var utterances = new[] { "bbaf2n", "bbaf3s", "bbaf4p" }.Select(id => GridFixture.Write(dir.Root, id: id)).ToArray();
        var bad = broken switch
        {
            "wav" => Path.Combine(dir.Root, "s3", "bbaf3s.wav"),
            "mpg" => Path.Combine(dir.Root, "s3", "bbaf3s.mpg"),
            _ => Path.Combine(dir.Root, "s3", "align", "bbaf3s.align"),
        };
        var bytes = File.ReadAllBytes(bad);
        File.WriteAllBytes(
            bad,
            broken switch
            {
                "wav" => bytes[..(bytes.Length / 2)], // a truncated WAV (a cut MPEG still decodes its first frames)
                "mpg" => Enumerable.Range(0, 4000).Select(i => (byte)(i * 37 % 251)).ToArray(), // noise, no MPEG stream
                _ => "0 23750 sil\n23750 2x500 bin\n"u8.ToArray(),
            }
        );
        using var corpus = new GridCorpus(dir.Root);
        var options = new GridClipOptions { Frames = 5, Size = 16 };

        var before = LiveTensors.Settled();
        var thrown = Assert.Throws<InvalidDataException>(() => corpus.LoadAll(utterances, options));
        Assert.Contains(bad, thrown.Message);
        Assert.Equal(before, Tensor.TotalCount); // the clip read before it is freed

        var skip = new BadSamples(BadSamplePolicy.Skip, new BadSampleReport(null));
        var examples = corpus.LoadAll(utterances, options, skip);
        try
        {
            Assert.Equal([utterances[0], utterances[2]], examples.Select(e => e.Utterance));
            var skipped = Assert.Single(skip.Report.Skipped);
            Assert.Equal(Path.Combine(dir.Root, "s3", "bbaf3s.mpg"), skipped.File); // an utterance is reported by its video
            Assert.Equal(thrown.Message, skipped.Reason); // which names the bad file
        }
        finally
        {
            foreach (var e in examples)
                e.Dispose();
        }
        Assert.Equal(before, LiveTensors.Settled());
    }
}

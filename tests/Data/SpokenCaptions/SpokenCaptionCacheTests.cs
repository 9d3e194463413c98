using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Dino.Repro.Tests.Data.Cub200;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SpokenCaptions;

public class SpokenCaptionCacheTests
{
    private static readonly SpeechVoice[] TwoVoices = [CaptionVoices.Default[0], CaptionVoices.Default[1]];

    private static CubCorpus Corpus(Fixtures.TempFolder dir)
    {
        CubFixture.Write(dir.File("raw"));
        return new CubCorpus(dir.File("raw"));
    }

    [Fact]
    public void Prepare_speaks_every_caption_at_16_kHz_in_the_voice_the_manifest_records()
    {
        using var dir = new Fixtures.TempFolder();
        var images = Corpus(dir).Images(CaptionSplit.Train).Take(2).ToArray();
        var cache = new SpokenCaptionCache(dir.File("speech"), TwoVoices);
        var progress = new List<SpeechProgress>();

        var report = cache.Prepare(images, new SynchronousProgress(progress.Add), parallelism: 2);

        Assert.Equal(new SpeechPrepareReport(20, 20, 0), report);
        Assert.Equal(new SpeechProgress(20, 20, 20), progress[^1]);
        var manifest = SpokenCaptionManifest.Read(cache.ManifestPath);
        Assert.Equal(20, manifest.Count);
        foreach (var image in images)
        {
            var voices = new HashSet<string>();
            for (var line = 0; line < 10; line++)
            {
                var voice = TwoVoices[CaptionVoices.IndexFor(image.Key, line, 2)];
                var relative = $"{voice.Tag}/{image.Key}_{line}.wav";
                var entry = manifest[relative];
                Assert.Equal((image.Key, line, image.Captions[line], voice.Tag), (entry.ImageKey, entry.Line, entry.Text, entry.Voice));
                var audio = WavFile.Read(Path.Combine(cache.Root, relative));
                Assert.Equal((16_000, 1), (audio.SampleRate, audio.ChannelCount));
                Assert.InRange(audio.Duration.TotalSeconds, 1.0, 6.0); // eight words at 150–185 wpm
                voices.Add(entry.Voice);
            }
            Assert.Equal(2, voices.Count); // both voices speak captions of every image
        }
        // The file holds what espeak-ng says for that text in that voice (16-bit quantisation apart).
        var first = cache.UtterancesOf(images[0])[0];
        var direct = EspeakNg.Synthesize(first.Text, TwoVoices.Single(v => v.Tag == first.Voice), 16_000);
        Close.All(direct.Channels[0], WavFile.Read(cache.PathOf(first)).Channels[0], atol: 1.0 / 32768 + 1e-6);
    }

    [Fact]
    public void A_second_prepare_reuses_the_cache_and_only_changed_or_missing_utterances_are_spoken_again()
    {
        using var dir = new Fixtures.TempFolder();
        var image = Corpus(dir).Images(CaptionSplit.Test)[0];
        var cache = new SpokenCaptionCache(dir.File("speech"), TwoVoices);
        Assert.Equal(10, cache.Prepare([image]).Synthesized);
        var written = cache.UtterancesOf(image).Select(u => File.GetLastWriteTimeUtc(cache.PathOf(u))).ToArray();

        Assert.Equal(new SpeechPrepareReport(10, 0, 10), cache.Prepare([image]));
        Assert.Equal(written, cache.UtterancesOf(image).Select(u => File.GetLastWriteTimeUtc(cache.PathOf(u))));

        // A changed caption is spoken again (same caption id and voice, new text); the others are kept.
        var changed = image with { Captions = image.Captions.Select((c, i) => i == 3 ? "a different bird with a red crown" : c).ToArray() };
        Assert.Equal(new SpeechPrepareReport(10, 1, 9), cache.Prepare([changed]));
        Assert.Equal(
            "a different bird with a red crown",
            SpokenCaptionManifest.Read(cache.ManifestPath)[cache.UtterancesOf(changed)[3].RelativePath].Text
        );

        File.Delete(cache.PathOf(cache.UtterancesOf(changed)[7]));
        Assert.Equal(1, cache.Prepare([changed]).Synthesized);
    }

    [Fact]
    public void An_interrupted_prepare_resumes_where_it_stopped()
    {
        using var dir = new Fixtures.TempFolder();
        var image = Corpus(dir).Images(CaptionSplit.Train)[1];
        var cache = new SpokenCaptionCache(dir.File("speech"), TwoVoices);
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Synthesized == 4)
                stop.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() => cache.Prepare([image], progress, parallelism: 1, stop.Token));
        var kept = SpokenCaptionManifest.Read(cache.ManifestPath).Count;
        Assert.Equal(4, kept);
        Assert.Equal(new SpeechPrepareReport(10, 10 - kept, kept), cache.Prepare([image]));
    }

    [Fact]
    public void Examples_carry_image_class_and_ten_utterances_and_require_prepared_speech()
    {
        using var dir = new Fixtures.TempFolder();
        var corpus = Corpus(dir);
        var spoken = new SpokenCaptionCorpus(corpus, new SpokenCaptionCache(dir.File("speech"), TwoVoices));
        var image = corpus.Images(CaptionSplit.Test)[1];
        var missing = Assert.Throws<FileNotFoundException>(() => spoken.Load(image, CaptionImageOptions.Evaluation(16), null));
        Assert.Contains("Prepare", missing.Message);

        spoken.Speech.Prepare([image]);
        using var example = spoken.Load(image, CaptionImageOptions.Evaluation(16), null);
        Assert.Equal((image.Key, 2), (example.Key, example.ClassId));
        Assert.Equal([3L, 16, 16], example.Image.shape);
        Assert.Equal(spoken.Speech.UtterancesOf(image).Select(spoken.Speech.PathOf), example.UtterancePaths);
        Assert.Equal(16_000, example.LoadUtterance(9).SampleRate);
    }

    [Fact]
    public void Voices_take_turns_along_an_image_s_captions_whatever_the_corpus_order()
    {
        for (var k = 0; k < 50; k++)
        {
            var key = $"{k:D3}.Some_Bird/Some_Bird_{k * 7919}";
            var counts = new int[4];
            for (var line = 0; line < 10; line++)
                counts[CaptionVoices.IndexFor(key, line, 4)]++;
            Assert.Equal([2, 2, 3, 3], counts.Order()); // ten lines over four voices, as evenly as possible
            // Consecutive lines use consecutive voices, from an offset that depends on the key only.
            Assert.Equal((CaptionVoices.IndexFor(key, 0, 4) + 1) % 4, CaptionVoices.IndexFor(key, 1, 4));
        }
        Assert.True(
            Enumerable.Range(0, 20).Select(k => CaptionVoices.IndexFor($"k{k}", 0, 4)).Distinct().Count() > 1,
            "line 0 of every image gets the same voice"
        );
    }

    // Progress<T> posts to the thread pool; tests need the callback to run before Report returns.
    private sealed class SynchronousProgress(Action<SpeechProgress> report) : IProgress<SpeechProgress>
    {
        public void Report(SpeechProgress value) => report(value);
    }
}

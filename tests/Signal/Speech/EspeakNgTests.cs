using Dino.Repro.Signal;
using Dino.Repro.Signal.Speech;
using Xunit;

namespace Dino.Repro.Tests.Signal.Speech;

public class EspeakNgTests
{
    [Fact]
    public void SpeaksAtTheNativeRateAndIsDeterministic()
    {
        var voice = new SpeechVoice("en-us", "f3", Pitch: 60, Speed: 150);
        var a = EspeakNg.Synthesize("bin blue at f two now", voice);
        var b = EspeakNg.Synthesize("bin blue at f two now", voice);
        Assert.Equal(EspeakNg.NativeSampleRate, a.SampleRate);
        Assert.Equal(a.Channels[0], b.Channels[0]);
        // Six words at 150 wpm last about 2.4 s; espeak-ng adds little silence around them.
        Assert.InRange(a.Duration.TotalSeconds, 1.0, 4.0);
        Assert.True(a.Channels[0].Max(Math.Abs) > 0.05f, "the speech should not be silent");
    }

    [Fact]
    public void SlowerSpeedGivesLongerSpeechAndVoicesDiffer()
    {
        var fast = EspeakNg.Synthesize("set white with p eight please", new SpeechVoice(Speed: 250));
        var slow = EspeakNg.Synthesize("set white with p eight please", new SpeechVoice(Speed: 120));
        Assert.True(slow.Length > 1.5 * fast.Length, $"slow {slow.Length} vs fast {fast.Length} samples");
        var male = EspeakNg.Synthesize("lay red", new SpeechVoice(Variant: "m3"));
        var female = EspeakNg.Synthesize("lay red", new SpeechVoice(Variant: "f2"));
        Assert.NotEqual(male.Channels[0], female.Channels[0]);
    }

    [Fact]
    public void ResamplesTo16kHz()
    {
        var audio = EspeakNg.Synthesize("place green", new SpeechVoice(), sampleRate: 16000);
        var native = EspeakNg.Synthesize("place green", new SpeechVoice());
        Assert.Equal(16000, audio.SampleRate);
        Assert.InRange(audio.Length, native.Length * 16000 / 22050 - 2, native.Length * 16000 / 22050 + 2);
    }

    [Fact]
    public void ReportsPhonemesPerWord()
    {
        var mnemonics = EspeakNg.Phonemes("bin blue", new SpeechVoice());
        Assert.Equal(2, mnemonics.Split(' ').Length);
        Assert.StartsWith("b", mnemonics);
        var ipa = EspeakNg.Phonemes("bin blue", new SpeechVoice(), ipa: true);
        Assert.Contains("ɪ", ipa);
    }

    [Fact]
    public void BadVoicesAndTextAreClearErrors()
    {
        Assert.Throws<SpeechSynthesisException>(() => EspeakNg.Synthesize("hello", new SpeechVoice("xx-nonexistent")));
        Assert.Throws<SpeechSynthesisException>(() => EspeakNg.Synthesize("hello", new SpeechVoice(Variant: "nosuchvariant")));
        Assert.Throws<ArgumentOutOfRangeException>(() => EspeakNg.Synthesize("hello", new SpeechVoice(Pitch: 120)));
        Assert.Throws<ArgumentException>(() => EspeakNg.Synthesize("  ", new SpeechVoice()));
    }

    [Fact]
    public void MissingExecutableSaysHowToInstallIt()
    {
        var previous = Environment.GetEnvironmentVariable("DINO_ESPEAK");
        try
        {
            Environment.SetEnvironmentVariable("DINO_ESPEAK", "/nonexistent/espeak-ng");
            Assert.False(EspeakNg.IsAvailable());
            var error = Assert.Throws<SpeechSynthesisException>(() => EspeakNg.Synthesize("hi", new SpeechVoice()));
            Assert.Contains("setup.sh", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DINO_ESPEAK", previous);
        }
    }
}

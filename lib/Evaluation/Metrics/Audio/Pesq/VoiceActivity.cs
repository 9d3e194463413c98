namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The envelope voice-activity detector of the time alignment (P.862): power per 4 ms window, a
/// noise threshold refined over 12 iterations, short bursts dropped, short gaps joined, and soft edges. Windows
/// with speech keep a positive level (0 elsewhere); <see cref="LogLevel"/> = ln(level / threshold) feeds the
/// envelope cross-correlation.
/// </summary>
internal sealed class VoiceActivity
{
    /// <summary>Bursts of at most this many windows are not speech.</summary>
    private const int MinSpeechWindows = 4;

    /// <summary>Gaps of at most this many windows between speech are filled.</summary>
    private const int JoinSpeechWindows = 50;

    public float[] Level { get; }
    public float[] LogLevel { get; }

    private VoiceActivity(float[] level, float[] logLevel)
    {
        Level = level;
        LogLevel = logLevel;
    }

    public static VoiceActivity Detect(PesqSignal signal, PesqRate rate)
    {
        var windows = signal.Length / rate.Downsample;
        var vad = new float[windows];
        for (var w = 0; w < windows; w++)
        {
            for (var i = 0; i < rate.Downsample; i++)
            {
                var g = signal.Data[w * rate.Downsample + i];
                vad[w] += g * g;
            }
            vad[w] /= rate.Downsample;
        }

        var threshold = 0f;
        foreach (var v in vad)
            threshold += v;
        threshold /= windows;
        var floor = 0f;
        foreach (var v in vad)
            floor = Math.Max(floor, v);
        floor = floor > 0 ? floor * 1.0e-4f : 1f;
        for (var w = 0; w < windows; w++)
            vad[w] = Math.Max(vad[w], floor);

        threshold = RefineThreshold(vad, threshold);
        var (signalLevel, noiseLevel, speechFound) = Levels(vad, threshold);
        if (!speechFound)
            threshold = -1f;

        for (var w = 0; w < windows; w++)
        {
            if (vad[w] <= threshold)
                vad[w] = -vad[w];
        }
        vad[0] = -floor;
        vad[windows - 1] = -floor;

        DropShortBursts(vad);
        if (signalLevel >= noiseLevel * 1000f)
            DropWeakBursts(vad, threshold);
        JoinShortGaps(vad, floor);
        if (!HasSpeechOnset(vad))
        {
            for (var w = 0; w < windows; w++)
                vad[w] = Math.Abs(vad[w]);
            vad[0] = -floor;
            vad[windows - 1] = -floor;
        }
        SoftenEdges(vad);
        for (var w = 0; w < windows; w++)
            vad[w] = Math.Max(vad[w], 0f);

        if (threshold <= 0)
            threshold = floor;
        var log = new float[windows];
        for (var w = 0; w < windows; w++)
            log[w] = vad[w] <= threshold ? 0f : (float)Math.Log(vad[w] / threshold);
        return new VoiceActivity(vad, log);
    }

    /// <summary>12 rounds of threshold = 1.001 (mean + 2 std) of the windows at or below the current threshold.</summary>
    private static float RefineThreshold(float[] vad, float threshold)
    {
        for (var iteration = 0; iteration < 12; iteration++)
        {
            float noise = 0,
                deviation = 0;
            var count = 0;
            foreach (var v in vad)
            {
                if (v > threshold)
                    continue;
                noise += v;
                count++;
            }
            if (count > 0)
            {
                noise /= count;
                foreach (var v in vad)
                {
                    if (v > threshold)
                        continue;
                    var g = v - noise;
                    deviation += g * g;
                }
                deviation = (float)Math.Sqrt(deviation / count);
            }
            threshold = 1.001f * (noise + 2.0f * deviation);
        }
        return threshold;
    }

    private static (float signalLevel, float noiseLevel, bool speechFound) Levels(float[] vad, float threshold)
    {
        float signalLevel = 0,
            noiseLevel = 0;
        var count = 0;
        foreach (var v in vad)
        {
            if (v > threshold)
            {
                signalLevel += v;
                count++;
            }
            else
                noiseLevel += v;
        }
        if (count > 0)
            signalLevel /= count;
        noiseLevel = count < vad.Length ? noiseLevel / (vad.Length - count) : 1f;
        return (signalLevel, noiseLevel, count > 0);
    }

    private static void DropShortBursts(float[] vad)
    {
        var start = 0;
        for (var w = 1; w < vad.Length; w++)
        {
            if (vad[w] > 0 && vad[w - 1] <= 0)
                start = w;
            if (vad[w] <= 0 && vad[w - 1] > 0 && w - start <= MinSpeechWindows)
            {
                for (var i = start; i < w; i++)
                    vad[i] = -vad[i];
            }
        }
    }

    /// <summary>With a clean recording (speech ≥ 30 dB above noise), bursts whose mean is below 3× the threshold are noise.</summary>
    private static void DropWeakBursts(float[] vad, float threshold)
    {
        var start = 0;
        for (var w = 1; w < vad.Length; w++)
        {
            if (vad[w] > 0 && vad[w - 1] <= 0)
                start = w;
            if (vad[w] <= 0 && vad[w - 1] > 0)
            {
                var sum = 0f;
                for (var i = start; i < w; i++)
                    sum += vad[i];
                if (sum < 3.0f * threshold * (w - start))
                {
                    for (var i = start; i < w; i++)
                        vad[i] = -vad[i];
                }
            }
        }
    }

    private static void JoinShortGaps(float[] vad, float floor)
    {
        var finish = 0;
        for (var w = 1; w < vad.Length; w++)
        {
            if (vad[w] > 0 && vad[w - 1] <= 0 && finish > 0 && w - finish <= JoinSpeechWindows)
            {
                for (var i = finish; i < w; i++)
                    vad[i] = floor;
            }
            if (vad[w] <= 0 && vad[w - 1] > 0)
                finish = w;
        }
    }

    private static bool HasSpeechOnset(float[] vad)
    {
        for (var w = 1; w < vad.Length; w++)
        {
            if (vad[w] > 0 && vad[w - 1] <= 0)
                return true;
        }
        return false;
    }

    /// <summary>Ramps of 0.1 and 0.3 × the level into the two windows before an onset and after an offset.</summary>
    private static void SoftenEdges(float[] vad)
    {
        var w = 3;
        while (w < vad.Length - 2)
        {
            if (vad[w] > 0 && vad[w - 2] <= 0)
            {
                vad[w - 2] = vad[w] * 0.1f;
                vad[w - 1] = vad[w] * 0.3f;
                w++;
            }
            if (vad[w] <= 0 && vad[w - 1] > 0)
            {
                vad[w] = vad[w - 1] * 0.3f;
                vad[w + 1] = vad[w - 1] * 0.1f;
                w += 3;
            }
            w++;
        }
    }
}

namespace Dino.Repro.Signal;

/// <summary>The 0 dB level: a fixed value (torchaudio's ref_value, default 1) or the spectrogram's own maximum (librosa's ref=np.max).</summary>
public readonly record struct DbReference(bool IsMax, double Value)
{
    public static DbReference Max => new(true, 0);

    public static DbReference Fixed(double value) =>
        value > 0 ? new(false, value) : throw new ArgumentOutOfRangeException(nameof(value), value, "a dB reference must be positive");

    public static DbReference One => new(false, 1.0);
}

/// <summary>Options of <see cref="Decibels"/>; defaults are torchaudio.transforms.AmplitudeToDB's.</summary>
/// <param name="Amin">Floor applied before the log (default 1e-10, i.e. −100 dB of power).</param>
/// <param name="Reference">0 dB level (default fixed 1.0).</param>
/// <param name="TopDb">When set, values below (max − TopDb) are raised to it (default null: no floor; librosa and MFCC use 80).</param>
public sealed record DecibelOptions(double Amin = 1e-10, DbReference? Reference = null, double? TopDb = null)
{
    public DbReference EffectiveReference => Reference ?? DbReference.One;
}

/// <summary>
/// dB conversion as torchaudio.functional.amplitude_to_DB and librosa.power_to_db:
/// x_dB = m·log10(max(x, amin)) − m·log10(max(amin, ref)), then, with top_db, max(x_dB, max(x_dB) − top_db),
/// where m = 10 for power and 20 for amplitude. The maximum (of "ref = max" and of top_db) is taken over each
/// spectrogram as torchaudio does: the whole tensor when it is 2-d, else each item of the leading dims over its
/// last three (channel, freq, time) dims.
/// </summary>
public static class Decibels
{
    /// <summary>10·log10 of a power spectrogram (|X|²).</summary>
    public static Tensor FromPower(Tensor power, DecibelOptions? options = null) => Convert(power, 10, options);

    /// <summary>20·log10 of a magnitude spectrogram (|X|).</summary>
    public static Tensor FromAmplitude(Tensor amplitude, DecibelOptions? options = null) => Convert(amplitude, 20, options);

    public static Tensor Convert(Tensor x, double multiplier, DecibelOptions? options = null)
    {
        var o = options ?? new DecibelOptions();
        if (!(o.Amin > 0))
            throw new ArgumentOutOfRangeException(nameof(options), o.Amin, "amin must be positive");
        if (o.TopDb is < 0)
            throw new ArgumentOutOfRangeException(nameof(options), o.TopDb, "top_db must be non-negative");
        using var scope = torch.NewDisposeScope();
        var db = x.clamp(min: Scalars.Of(o.Amin)).log10() * Scalars.Of(multiplier);
        var reference = o.EffectiveReference;
        if (reference.IsMax)
            db = db - PerSpectrogramMax(x).clamp(min: Scalars.Of(o.Amin)).log10() * Scalars.Of(multiplier);
        else
            db = db - Scalars.Of(multiplier * Math.Log10(Math.Max(o.Amin, reference.Value)));
        if (o.TopDb is { } top)
            db = db.maximum(PerSpectrogramMax(db) - Scalars.Of(top));
        return scope.MoveToOuter(db);
    }

    /// <summary>The max over each spectrogram, shaped to broadcast against <paramref name="x"/>.</summary>
    private static Tensor PerSpectrogramMax(Tensor x)
    {
        var dims = x.dim();
        if (dims <= 2)
            return x.max();
        return x.amax(new long[] { -3, -2, -1 }, keepdim: true);
    }
}

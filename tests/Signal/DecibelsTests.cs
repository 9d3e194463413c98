using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Signal;

public class DecibelsTests
{
    [Fact]
    public void Power_and_amplitude_follow_ten_and_twenty_log10()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 100.0, 1.0, 0.01, 0.0 }, new long[] { 2, 2 });
        // 10·log10(100) = 20; 10·log10(1e-2) = −20; 0 is floored at amin 1e-10 → −100.
        Close.All(new[] { 20.0, 0, -20, -100 }, Decibels.FromPower(x).ToArray<double>(), 1e-12);
        Close.All(new[] { 40.0, 0, -40, -200 }, Decibels.FromAmplitude(x).ToArray<double>(), 1e-12);
        Close.All(new[] { 20.0, 0, -20, -60 }, Decibels.FromPower(x, new DecibelOptions(Amin: 1e-6)).ToArray<double>(), 1e-12);
    }

    [Fact]
    public void References_shift_zero_dB_to_a_fixed_value_or_the_maximum()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 100.0, 10.0, 1.0, 0.001 }, new long[] { 2, 2 });
        Close.All(new[] { 10.0, 0, -10, -40 }, Decibels.FromPower(x, new DecibelOptions(Reference: DbReference.Fixed(10))).ToArray<double>(), 1e-12);
        Close.All(new[] { 0.0, -10, -20, -50 }, Decibels.FromPower(x, new DecibelOptions(Reference: DbReference.Max)).ToArray<double>(), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DbReference.Fixed(0));
    }

    [Fact]
    public void Top_db_floors_each_spectrogram_at_its_own_maximum_minus_top_db()
    {
        using var scope = NewDisposeScope();
        // Two items [2, 1, 2, 2] (batch, channel, freq, time): maxima 20 dB and −20 dB; top_db 25 floors them at −5 and −45.
        var x = tensor(new[] { 100.0, 1e-3, 1.0, 1e-6, 1e-2, 1e-3, 1e-7, 1e-5 }, new long[] { 2, 1, 2, 2 });
        var db = Decibels.FromPower(x, new DecibelOptions(TopDb: 25)).ToArray<double>();
        Close.All(new[] { 20.0, -5, 0, -5, -20, -30, -45, -45 }, db, 1e-9);
        // A 2-d spectrogram is one item.
        var flat = Decibels.FromPower(tensor(new[] { 1.0, 1e-9 }, new long[] { 1, 2 }), new DecibelOptions(TopDb: 80)).ToArray<double>();
        Close.All(new[] { 0.0, -80 }, flat, 1e-9);
    }
}

namespace Dino.Repro.Evaluation.Metrics.Audio.Pesq;

/// <summary>
/// The Bark-domain band tables of P.862: 49 bands for 16 kHz, of which narrowband 8 kHz
/// (narrowband at 8 kHz) uses the first 42 (the 42nd 8 kHz band groups 11 FFT bins instead of 12 and has its own correction factor).
/// Each band groups consecutive FFT bins; its pitch power density is their sum × the band's correction factor.
/// </summary>
internal sealed class BarkBands
{
    /// <summary>FFT bins summed into each band (16 kHz: 32 ms frames of 512 samples → 256 bins, 8 kHz: 128).</summary>
    public int[] BinsPerBand { get; }

    /// <summary>Band centre on the Bark scale; the Zwicker exponent grows below 4 Bark.</summary>
    public double[] CentreBark { get; }

    /// <summary>Band width in Bark: the weights of the frequency integrals.</summary>
    public double[] WidthBark { get; }

    /// <summary>Scales a sum of FFT bins to a power density per Bark.</summary>
    public double[] PowerDensityCorrection { get; }

    /// <summary>Absolute hearing threshold per band (power density units of the model).</summary>
    public double[] HearingThreshold { get; }

    public int Count => BinsPerBand.Length;

    private BarkBands(int count, int lastBins, double lastCorrection)
    {
        BinsPerBand = Bins16k[..count];
        BinsPerBand[^1] = lastBins;
        CentreBark = Centre16k[..count];
        WidthBark = Width16k[..count];
        PowerDensityCorrection = Correction16k[..count];
        PowerDensityCorrection[^1] = lastCorrection;
        HearingThreshold = Threshold16k[..count];
    }

    private static readonly int[] Bins16k =
    {
        1,
        1,
        1,
        1,
        1,
        1,
        1,
        1,
        2,
        1,
        1,
        1,
        1,
        1,
        2,
        1,
        1,
        2,
        2,
        2,
        2,
        2,
        2,
        2,
        2,
        3,
        3,
        3,
        3,
        4,
        3,
        4,
        5,
        4,
        5,
        6,
        6,
        7,
        8,
        9,
        9,
        12,
        12,
        15,
        16,
        18,
        21,
        25,
        20,
    };

    private static readonly double[] Centre16k =
    {
        0.078672,
        0.316341,
        0.636559,
        0.961246,
        1.290450,
        1.624217,
        1.962597,
        2.305636,
        2.653383,
        3.005889,
        3.363201,
        3.725371,
        4.092449,
        4.464486,
        4.841533,
        5.223642,
        5.610866,
        6.003256,
        6.400869,
        6.803755,
        7.211971,
        7.625571,
        8.044611,
        8.469146,
        8.899232,
        9.334927,
        9.776288,
        10.223374,
        10.676242,
        11.134952,
        11.599563,
        12.070135,
        12.546731,
        13.029408,
        13.518232,
        14.013264,
        14.514566,
        15.022202,
        15.536238,
        16.056736,
        16.583761,
        17.117382,
        17.657663,
        18.204674,
        18.758478,
        19.319147,
        19.886751,
        20.461355,
        21.043034,
    };

    private static readonly double[] Width16k =
    {
        0.157344,
        0.317994,
        0.322441,
        0.326934,
        0.331474,
        0.336061,
        0.340697,
        0.345381,
        0.350114,
        0.354897,
        0.359729,
        0.364611,
        0.369544,
        0.374529,
        0.379565,
        0.384653,
        0.389794,
        0.394989,
        0.400236,
        0.405538,
        0.410894,
        0.416306,
        0.421773,
        0.427297,
        0.432877,
        0.438514,
        0.444209,
        0.449962,
        0.455774,
        0.461645,
        0.467577,
        0.473569,
        0.479621,
        0.485736,
        0.491912,
        0.498151,
        0.504454,
        0.510819,
        0.517250,
        0.523745,
        0.530308,
        0.536934,
        0.543629,
        0.550390,
        0.557220,
        0.564119,
        0.571085,
        0.578125,
        0.585232,
    };

    private static readonly double[] Correction16k =
    {
        100.000000,
        99.999992,
        100.000000,
        100.000008,
        100.000008,
        100.000015,
        99.999992,
        99.999969,
        50.000027,
        100.000000,
        99.999969,
        100.000015,
        99.999947,
        100.000061,
        53.047077,
        110.000046,
        117.991989,
        65.000000,
        68.760147,
        69.999931,
        71.428818,
        75.000038,
        76.843384,
        80.968781,
        88.646126,
        63.864388,
        68.155350,
        72.547775,
        75.584831,
        58.379192,
        80.950836,
        64.135651,
        54.384785,
        73.821884,
        64.437073,
        59.176456,
        65.521278,
        61.399822,
        58.144047,
        57.004543,
        64.126297,
        54.311001,
        61.114979,
        55.077751,
        56.849335,
        55.628868,
        53.137054,
        54.985844,
        79.546974,
    };

    private static readonly double[] Threshold16k =
    {
        51286152.000000,
        2454709.500000,
        70794.593750,
        4897.788574,
        1174.897705,
        389.045166,
        104.712860,
        45.708820,
        17.782795,
        9.772372,
        4.897789,
        3.090296,
        1.905461,
        1.258925,
        0.977237,
        0.724436,
        0.562341,
        0.457088,
        0.389045,
        0.331131,
        0.295121,
        0.269153,
        0.257040,
        0.251189,
        0.251189,
        0.251189,
        0.251189,
        0.263027,
        0.288403,
        0.309030,
        0.338844,
        0.371535,
        0.398107,
        0.436516,
        0.467735,
        0.489779,
        0.501187,
        0.501187,
        0.512861,
        0.524807,
        0.524807,
        0.524807,
        0.512861,
        0.478630,
        0.426580,
        0.371535,
        0.363078,
        0.416869,
        0.537032,
    };

    // Declared after the tables: static initialisers run in textual order.
    /// <summary>8 kHz: 42 bands up to 4 kHz.</summary>
    public static BarkBands At8kHz { get; } = new(42, 11, 59.248363);

    /// <summary>16 kHz (narrowband and wideband mode alike): 49 bands up to 8 kHz.</summary>
    public static BarkBands At16kHz { get; } = new(49, 20, 79.546974);
}

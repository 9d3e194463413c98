namespace Dino.Repro.Models.ListenAndMove;

/// <summary>One cell of Listen and Move's Table 1: SSIM, LPIPS and FVD, each mean ± sd.</summary>
public sealed record PaperCell(double Ssim, double SsimSd, double Lpips, double LpipsSd, double Fvd, double FvdSd);

/// <summary>
/// One row of Table 1 (Redondo 2023): the generator configuration it names — taken from the reference's run names
/// (scripts/eval_models.sh) — and the paper's cells for cello, quintet, drums and talking head.
/// </summary>
public sealed record ListenAndMoveRow(
    string Name,
    SoundRoute Route,
    int MotionLayers,
    bool AudioConditionalNorm,
    VideoPredictionKind Prediction,
    PaperCell[] Paper
)
{
    /// <summary>The row's settings as option assignments (applied over a preset).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides =>
        [
            new("sound_route", Route.ToString()),
            new("motion_layers", MotionLayers.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("audio_conditional_norm", AudioConditionalNorm ? "true" : "false"),
            new("video_prediction", Prediction.ToString()),
        ];
}

/// <summary>
/// One of the paper's clips (the reference's assets), by the name the kit expects it under in the sound-video folder, with
/// the reference's crops (train.sh, eval_models.sh): drums was scored on another crop than it was trained on.
/// </summary>
public sealed record PaperClip(string Column, string Clip, string Crop, string EvalCrop, string ReferenceAsset);

/// <summary>Table 1's rows and columns, and Table 2's out-of-distribution FIDs, verbatim from the paper.</summary>
public static class ListenAndMoveTable
{
    /// <summary>Table 1's columns and the sound-motion source standing in for each.</summary>
    public static IReadOnlyList<(string Column, string Source)> Columns { get; } =
    [("Cello", "melodic"), ("Quintet", "harmonic"), ("Drums", "percussive"), ("Talking Head", "speech")];

    /// <summary>The paper's clips, in Table 1's column order.</summary>
    public static IReadOnlyList<PaperClip> PaperClips { get; } =
    [
        new("Cello", "cello", "650,400,1250,1000", "650,400,1250,1000", "seyeon_jung-JSBach_cello_suite_No6_CUT.mp4"),
        new("Quintet", "quintet", "290,0,1010,720", "290,0,1010,720", "Once_I_Saw_CUT.mp4"),
        new("Drums", "drums", "30,0,750,720", "170,0,890,720", "Istanbul_Agop_16_Xist_Ion_Crash_Cymbal-Brilliant.mp4"),
        new("Talking Head", "talking-head", "500,0,1580,1080", "500,0,1580,1080", "MEAD_M31_right_60.mp4"),
    ];

    /// <summary>
    /// MfS is the baseline (sound only through a one-layer RNN); the next three rows each add one feature to it; the last
    /// two are the full model ("all routing features activated") with basic or directional video prediction.
    /// </summary>
    public static IReadOnlyList<ListenAndMoveRow> Rows { get; } =
    [
        new(
            "Baseline (MfS)",
            SoundRoute.Rnn,
            1,
            false,
            VideoPredictionKind.None,
            [
                new(0.82, 0.06, 0.16, 0.06, 2219, 1095),
                new(0.69, 0.11, 0.24, 0.10, 6480, 2543),
                new(0.68, 0.02, 0.16, 0.02, 2387, 976),
                new(0.43, 0.03, 0.62, 0.02, 1082, 349),
            ]
        ),
        new(
            "Baseline + R+D-RNN",
            SoundRoute.Rnn,
            3,
            false,
            VideoPredictionKind.None,
            [
                new(0.87, 0.03, 0.09, 0.02, 1184, 905),
                new(0.89, 0.02, 0.05, 0.02, 1706, 2537),
                new(0.75, 0.03, 0.12, 0.02, 2230, 1276),
                new(0.81, 0.03, 0.07, 0.02, 520, 555),
            ]
        ),
        new(
            "SaC",
            SoundRoute.RnnGen,
            1,
            false,
            VideoPredictionKind.None,
            [
                new(0.87, 0.03, 0.09, 0.02, 1354, 980),
                new(0.89, 0.02, 0.05, 0.02, 1775, 2701),
                new(0.75, 0.03, 0.12, 0.02, 2127, 1977),
                new(0.77, 0.03, 0.07, 0.01, 366, 470),
            ]
        ),
        new(
            "acIN",
            SoundRoute.Rnn,
            1,
            true,
            VideoPredictionKind.None,
            [
                new(0.87, 0.03, 0.08, 0.02, 1426, 1195),
                new(0.88, 0.02, 0.05, 0.01, 1903, 1866),
                new(0.76, 0.03, 0.11, 0.03, 2122, 2857),
                new(0.69, 0.02, 0.11, 0.01, 486, 362),
            ]
        ),
        new(
            "All Abv. + ConvGRU",
            SoundRoute.RnnGen,
            3,
            true,
            VideoPredictionKind.Basic,
            [
                new(0.87, 0.03, 0.08, 0.02, 1101, 1011),
                new(0.90, 0.02, 0.05, 0.01, 1502, 2090),
                new(0.75, 0.03, 0.11, 0.02, 1700, 1603),
                new(0.77, 0.03, 0.06, 0.01, 327, 435),
            ]
        ),
        new(
            "DirConvGRU",
            SoundRoute.RnnGen,
            3,
            true,
            VideoPredictionKind.Directional,
            [
                new(0.87, 0.03, 0.08, 0.02, 1085, 991),
                new(0.88, 0.02, 0.06, 0.02, 1455, 1999),
                new(0.75, 0.03, 0.11, 0.02, 1614, 1390),
                new(0.80, 0.03, 0.05, 0.01, 280, 414),
            ]
        ),
    ];

    /// <summary>Table 2: FID over 500 FSD50K clips, (mean, sd) per column, for the baseline and the full model.</summary>
    public static IReadOnlyList<(string Row, (double Mean, double Sd)[] Fid)> Table2 { get; } =
    [("Baseline (MfS)", [(320, 14), (423, 20), (385, 14), (528, 16)]), ("Full Model", [(279, 24), (405, 29), (378, 28), (535, 42)])];
}

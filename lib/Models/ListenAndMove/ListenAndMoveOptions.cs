using Dino.Repro.Training;

namespace Dino.Repro.Models.ListenAndMove;

/// <summary>
/// Options of Listen and Move (Redondo 2023; reference train.py). The defaults are the paper's full model — sound to the
/// RNN and the generator, three dilated motion layers, audio-conditional IN, directional video prediction — at 128²,
/// T = 32, trained on one clip at a time (batch 1) by WGAN-GP with D_V, D_I and a perceptual term: Adam G 1e-4, D 4e-4,
/// β (0.3, 0.999), λ_GP 10, λ_perceptual 10. Table 1's rows are settings of sound_route, motion_layers,
/// audio_conditional_norm and video_prediction.
/// </summary>
public sealed record ListenAndMoveOptions : TrainingOptions
{
    public ListenAndMoveOptions()
    {
        BatchSize = 1;
        Steps = 50_000;
    }

    /// <summary>A corpus with sound-video clips: the embedded sound-motion or the real sound-video folder.</summary>
    public string Corpus { get; init; } = "sound-motion";

    /// <summary>Seconds per clip when the corpus is made (sound-motion; a real corpus is what it is). Default 120.</summary>
    public double CorpusSeconds { get; init; } = 120;

    /// <summary>The clip trained on, by file name without extension (sound-motion: melodic, harmonic, percussive, speech).</summary>
    public string Clip { get; init; } = "melodic";

    /// <summary>
    /// The rectangle of the source frames trained on, "left,top,right,bottom" in pixels (the reference's --crop); empty: the
    /// largest centred square.
    /// </summary>
    public string Crop { get; init; } = "";

    /// <summary>The rectangle scored on; empty: <see cref="Crop"/> (the reference scored drums on another crop than it trained on).</summary>
    public string EvalCrop { get; init; } = "";

    /// <summary>Frame side S (the paper's tables: 128).</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Frames per training clip, T (the reference's 32; even, for D_V).</summary>
    public int ClipLength { get; init; } = 32;

    public SoundRoute SoundRoute { get; init; } = SoundRoute.RnnGen;
    public int MotionLayers { get; init; } = 3;
    public bool AudioConditionalNorm { get; init; } = true;
    public VideoPredictionKind VideoPrediction { get; init; } = VideoPredictionKind.Directional;
    public int MotionNoise { get; init; } = 2;
    public int ChannelsBase { get; init; } = 1024;
    public int MaxChannels { get; init; } = 512;

    public double LearningRateG { get; init; } = 1e-4;
    public double LearningRateD { get; init; } = 4e-4;
    public double Beta1 { get; init; } = 0.3;
    public double Beta2 { get; init; } = 0.999;
    public double PenaltyWeight { get; init; } = 10;
    public double PerceptualWeight { get; init; } = 10;

    /// <summary>
    /// The frozen feature network of the perceptual term: "stand-in" — a small network the kit trains on the clip's
    /// training frames to read their recorded states (sound-motion only) — or a TorchScript file of VGG16 up to relu2_2
    /// (data-scripts/CONVERSION.md), which the real clips need.
    /// </summary>
    public string PerceptualNet { get; init; } = FrameFeatures.StandIn;

    /// <summary>How the clip is read for training.</summary>
    public Data.SoundVideo.SoundVideoOptions TrainingRead => new(Size: ImageSize, Crop: Data.SoundVideo.CropBox.Parse(Crop), ClipLength: ClipLength);

    /// <summary>How the clip is read for scoring (<see cref="EvalCrop"/>, else the training crop).</summary>
    public Data.SoundVideo.SoundVideoOptions EvaluationRead =>
        TrainingRead with
        {
            Crop = Data.SoundVideo.CropBox.Parse(EvalCrop.Length > 0 ? EvalCrop : Crop),
        };

    public SoundToVideoArchitecture Architecture =>
        new()
        {
            ImageSize = ImageSize,
            Route = SoundRoute,
            MotionLayers = MotionLayers,
            AudioConditionalNorm = AudioConditionalNorm,
            VideoPrediction = VideoPrediction,
            MotionNoise = MotionNoise,
            ChannelsBase = ChannelsBase,
            MaxChannels = MaxChannels,
        };

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
            yield return problem;
        foreach (var problem in Architecture.Problems())
            yield return problem;
        if (BatchSize != 1)
            yield return $"batch_size must be 1: Listen and Move trains on consecutive clips of one video, carrying states (got {BatchSize})";
        if (ClipLength < 2 || ClipLength % 2 != 0)
            yield return $"clip_length must be even and at least 2, for the video critic (got {ClipLength})";
        if (!(LearningRateG > 0 && LearningRateD > 0))
            yield return $"learning_rate_g and learning_rate_d must be positive (got {LearningRateG}, {LearningRateD})";
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            yield return $"beta1 and beta2 must lie in [0, 1) (got {Beta1}, {Beta2})";
        if (!(PenaltyWeight >= 0 && PerceptualWeight >= 0))
            yield return $"penalty_weight and perceptual_weight must not be negative (got {PenaltyWeight}, {PerceptualWeight})";
        if (string.IsNullOrWhiteSpace(Clip))
            yield return "clip must name a clip of the corpus";
        foreach (var (name, value) in new[] { ("crop", Crop), ("eval_crop", EvalCrop) })
        {
            string? problem = null;
            try
            {
                Data.SoundVideo.CropBox.Parse(value);
            }
            catch (FormatException e)
            {
                problem = $"{name}: {e.Message}";
            }
            if (problem is not null)
                yield return problem;
        }
    }
}

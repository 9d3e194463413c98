namespace Dino.Repro.Models.ListenAndMove;

/// <summary>Where the sound descriptors enter Listen and Move's generator (the reference's <c>--sound_route</c>).</summary>
public enum SoundRoute
{
    /// <summary>Only through the motion encoder: z = RNN([e, f]) (the MfS baseline of Table 1).</summary>
    Rnn,

    /// <summary>Only straight into the generator; the motion encoder sees noise alone: z = [RNN(e), f].</summary>
    Gen,

    /// <summary>Both (SaC, "sound as content"): z = [RNN([e, f]), f].</summary>
    RnnGen,
}

/// <summary>The video-prediction layer after the last generative layer (the reference's <c>--vid_pred</c>).</summary>
public enum VideoPredictionKind
{
    None,

    /// <summary>One square-kernel ConvGRU whose state is the prediction and the mask (Table 1's "+ ConvGRU").</summary>
    Basic,

    /// <summary>Five directional ConvGRU flows blended by a 1×1 convolution (Table 1's DirConvGRU).</summary>
    Directional,
}

/// <summary>
/// The shape of Listen and Move's generator (Redondo 2023; reference <c>modules.py</c> GenNet/Generator, residual
/// architecture, 2-D): per video frame a sound descriptor f (64 mel bands) and motion noise e ~ U[0, 1) (2 values)
/// pass the dilated residual GRU of <see cref="MotionLayers"/> layers; the generator draws the frame from a 4×4 format
/// layer through log₂(S) − 2 residual generative layers of min(base / 2^l, max) channels, each doubling the size.
/// Table 1's rows are settings of this record, not different networks.
/// </summary>
public sealed record SoundToVideoArchitecture
{
    /// <summary>Output frames are S × S; S a power of two ≥ 8 (the paper: 128 for Table 1, 256 for its Fig. 6).</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Sound descriptor size per frame (64 mel bands).</summary>
    public int SoundFeatures { get; init; } = 64;

    /// <summary>Motion noise values per frame, E (2).</summary>
    public int MotionNoise { get; init; } = 2;

    public SoundRoute Route { get; init; } = SoundRoute.Rnn;

    /// <summary>GRU layers of the motion encoder; layer l looks back 2^l frames (1 for MfS, 3 for "+R+D-RNN").</summary>
    public int MotionLayers { get; init; } = 1;

    /// <summary>Audio-conditional instance norm in the generative layers (acIN); otherwise batch norm, as the reference.</summary>
    public bool AudioConditionalNorm { get; init; }

    public VideoPredictionKind VideoPrediction { get; init; } = VideoPredictionKind.None;

    /// <summary>Channels of stage l are min(base / 2^l, max) (the reference's 1024 and 512).</summary>
    public int ChannelsBase { get; init; } = 1024;

    public int MaxChannels { get; init; } = 512;

    /// <summary>Dilation factor of the motion encoder: layer l keeps the states of the last factor^l frames (2).</summary>
    public const int Dilation = 2;

    /// <summary>Generative layers from the 4×4 format layer to S: log₂(S) − 2.</summary>
    public int GenerativeLayers => (int)Math.Round(Math.Log2(ImageSize)) - 2;

    /// <summary>The motion encoder's input and state size: [e, f] when sound takes the RNN route, else e.</summary>
    public int MotionSize => Route == SoundRoute.Gen ? MotionNoise : MotionNoise + SoundFeatures;

    /// <summary>The generator's per-frame input z: the motion code, plus f when sound also goes straight in.</summary>
    public int LatentSize => Route == SoundRoute.Rnn ? MotionSize : MotionSize + SoundFeatures;

    /// <summary>Channels after stage <paramref name="stage"/> (0 = the format layer).</summary>
    public int Channels(int stage) => (int)Math.Min(ChannelsBase / Math.Pow(2, stage), MaxChannels);

    /// <summary>The square kernel of the video-prediction GRUs: 3 below 512², else 5 (the reference's rule).</summary>
    public int PredictionKernel => ImageSize < 512 ? 3 : 5;

    public IEnumerable<string> Problems()
    {
        if (ImageSize < 8 || (ImageSize & (ImageSize - 1)) != 0)
            yield return $"image_size must be a power of two of at least 8 (got {ImageSize})";
        if (SoundFeatures < 1 || MotionNoise < 0 || MotionSize < 1)
            yield return $"sound_features must be positive and motion_noise not negative (got {SoundFeatures}, {MotionNoise})";
        if (MotionLayers < 1)
            yield return $"motion_layers must be at least 1 (got {MotionLayers})";
        if (ChannelsBase < 1 || MaxChannels < 1)
            yield return $"channels_base and max_channels must be positive (got {ChannelsBase}, {MaxChannels})";
        else if (ImageSize >= 8 && Channels(Math.Max(GenerativeLayers, 0)) < 1)
            yield return $"channels_base {ChannelsBase} leaves no channel at the last of {GenerativeLayers} layers";
    }

    public void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems));
    }
}

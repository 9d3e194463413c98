namespace Dino.Repro.Models.ThesisDcgan;

/// <summary>What the thesis' DCGAN draws a face from, besides z (Roldán 2018, §IV-C and IV-D).</summary>
public enum FaceCondition
{
    /// <summary>The speaker's one-hot vector projected to 128 (Linear, batch norm, LeakyReLU 0.2), in G and in D.</summary>
    OneHotProjected,

    /// <summary>The speaker's one-hot vector repeated and zero-padded to 128 (Fig. 6), fed as it is.</summary>
    OneHotConcatenated,

    /// <summary>The SEGAN speech embedding (128), trained through G only; D sees it without a gradient.</summary>
    Speech,

    /// <summary>The speech embedding followed by the repeated, padded one-hot vector (256).</summary>
    SpeechAndOneHot,

    /// <summary>The speech's log-mel spectrogram through the SEGAN encoder (<see cref="MelSpeechEncoder"/>; 128).</summary>
    Mel,
}

/// <summary>The fixed identity code of the concatenation variant.</summary>
public static class IdentityCode
{
    /// <summary>The width of the code and of the projection (the text embedding's in Reed et al.'s model).</summary>
    public const int Size = 128;

    /// <summary>
    /// labels [B] → [B, 128]: the one-hot vector over <paramref name="identities"/> written ⌊128 / identities⌋ times one
    /// after another and zero-padded (Fig. 6: "repeated and padded with zeros to keep dimensionality untouched").
    /// </summary>
    public static Tensor Concatenated(Tensor labels, int identities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (identities is < 1 or > Size)
            throw new ArgumentOutOfRangeException(nameof(identities), identities, $"the concatenated code holds 1 … {Size} identities");
        using var scope = torch.NewDisposeScope();
        var oneHot = torch.nn.functional.one_hot(labels, identities).to(ScalarType.Float32);
        var repeated = oneHot.repeat(1, Size / identities);
        var code = torch.nn.functional.pad(repeated, [0, Size - repeated.size(1)]);
        return code.MoveToOuterDisposeScope();
    }
}

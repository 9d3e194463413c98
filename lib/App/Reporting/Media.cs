namespace Dino.Repro.App.Reporting;

/// <summary>
/// Encoded media bytes with their MIME type: what <c>display(...)</c> and <see cref="HtmlReport"/> embed as an
/// image, an audio player or a video. <see cref="Detect"/> recognises PNG, WAV and MP4 by their magic numbers.
/// </summary>
[TypeFormatterSource(typeof(KitFormatterSource), PreferredMimeTypes = new[] { "text/html" })]
public sealed record Media(string MimeType, byte[] Bytes)
{
    public const string PngType = "image/png";
    public const string WavType = "audio/wav";
    public const string Mp4Type = "video/mp4";

    public static Media Png(byte[] bytes) => new(PngType, Expect(bytes, PngType));

    public static Media Wav(byte[] bytes) => new(WavType, Expect(bytes, WavType));

    public static Media Mp4(byte[] bytes) => new(Mp4Type, Expect(bytes, Mp4Type));

    /// <summary>The media type of <paramref name="bytes"/> (PNG, WAV or MP4), or null when it is none of them.</summary>
    public static Media? Detect(byte[] bytes) => SniffType(bytes) is { } type ? new Media(type, bytes) : null;

    public static string? SniffType(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 8 && b[..8].SequenceEqual(PngEncoder.Signature))
            return PngType;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WAVE"u8))
            return WavType;
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
            return Mp4Type;
        return null;
    }

    /// <summary>An &lt;img&gt;, &lt;audio&gt; or &lt;video&gt; element holding the bytes as a data URI.</summary>
    public string ToHtml() =>
        MimeType switch
        {
            PngType => Embeds.ImageTag(Bytes),
            WavType => Embeds.AudioTag(Bytes),
            Mp4Type => Embeds.VideoTag(Bytes),
            _ => $"<a download href=\"{Embeds.DataUri(MimeType, Bytes)}\">{Html.Escape(MimeType)} ({Bytes.Length} bytes)</a>",
        };

    public override string ToString() => $"{MimeType} ({Bytes.Length} bytes)";

    private static byte[] Expect(byte[] bytes, string type)
    {
        var found = SniffType(bytes);
        if (found != type)
            throw new ArgumentException($"expected {type} bytes, got {found ?? "unrecognised data"}", nameof(bytes));
        return bytes;
    }
}

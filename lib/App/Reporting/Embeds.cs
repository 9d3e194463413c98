namespace Dino.Repro.App.Reporting;

/// <summary>
/// Data-URI embeds: PNG images, WAV audio and MP4 video inlined into HTML, so a notebook output or a report is
/// one self-contained file that plays offline.
/// </summary>
public static class Embeds
{
    public static string DataUri(string mimeType, ReadOnlySpan<byte> bytes) => $"data:{mimeType};base64,{Convert.ToBase64String(bytes)}";

    public static string PngDataUri(byte[] png) => DataUri(Media.PngType, Media.Png(png).Bytes);

    public static string WavDataUri(byte[] wav) => DataUri(Media.WavType, Media.Wav(wav).Bytes);

    public static string Mp4DataUri(byte[] mp4) => DataUri(Media.Mp4Type, Media.Mp4(mp4).Bytes);

    public static string ImageTag(byte[] png, string alt = "", int? width = null) =>
        $"<img src=\"{PngDataUri(png)}\" alt=\"{Html.Escape(alt)}\"{WidthAttribute(width)} />";

    public static string AudioTag(byte[] wav) => $"<audio controls src=\"{WavDataUri(wav)}\"></audio>";

    public static string VideoTag(byte[] mp4, int? width = null) => $"<video controls{WidthAttribute(width)} src=\"{Mp4DataUri(mp4)}\"></video>";

    private static string WidthAttribute(int? width) => width is { } w ? $" width=\"{w}\"" : "";
}

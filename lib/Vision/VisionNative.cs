using OpenCvSharp;

namespace Dino.Repro.Vision;

/// <summary>Turns failures of the OpenCV-backed vision calls into exceptions that name the file involved.</summary>
internal static class VisionNative
{
    /// <summary>The full path of an input file, or a <see cref="FileNotFoundException"/> naming it.</summary>
    public static string ExistingFile(string path, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"{what} file not found: {full}", full);
        return full;
    }

    /// <summary>An <see cref="InvalidDataException"/> whose message names <paramref name="path"/> (prefixed when the message does not).</summary>
    public static InvalidDataException Invalid(string path, string message, Exception? inner = null) => new(FirstLine(message, path), inner);

    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="path"/> unless <paramref name="condition"/> holds.</summary>
    public static void Check(bool condition, string path, string message)
    {
        if (!condition)
            throw Invalid(path, message);
    }

    /// <summary>
    /// OpenCV's message and function from an <see cref="OpenCVException"/>. OpenCvSharp 4.13 swaps the two fields
    /// (ErrMsg holds the function), so both are kept, the longer (the message) first.
    /// </summary>
    public static string Describe(OpenCVException e)
    {
        var parts = new[] { e.FuncName, e.ErrMsg }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().OrderByDescending(p => p.Length).ToArray();
        return parts.Length switch
        {
            0 => e.Message,
            1 => parts[0],
            _ => $"{parts[0]} (in {parts[1]})",
        };
    }

    /// <summary><paramref name="name"/> in single quotes, as the messages quote files and buffer labels.</summary>
    public static string Quoted(string? name) => $"'{name ?? "<null>"}'";

    // OpenCV messages may carry more lines after the first; the first names the file or gets it as a prefix.
    private static string FirstLine(string message, string path)
    {
        var first = message.Split('\n', 2)[0].Trim();
        if (first.Length == 0)
            first = "OpenCV call failed without a message";
        return first.Contains(path, StringComparison.Ordinal) ? first : $"{path}: {first}";
    }
}

using System.Globalization;

namespace Dino.Repro.Torch;

/// <summary>Formats values as Python's repr does, so layer reprs read exactly like PyTorch's.</summary>
internal static class PyRepr
{
    public static string Bool(bool value) => value ? "True" : "False";

    public static string Str(string value) => $"'{value}'";

    public static string Tuple(IReadOnlyList<long> values) =>
        values.Count == 1 ? $"({values[0].ToString(CultureInfo.InvariantCulture)},)" : $"({string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))})";

    public static string Optional(double? value) => value is { } v ? Float(v) : "None";

    /// <summary>Python's float repr: shortest round-trip digits, "1e-05" below 1e-4 or from 1e16 up, "2.0" for whole numbers.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        if (e >= 0)
        {
            var exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            if (exponent < -4 || exponent >= 16)
            {
                var mantissa = r[..e];
                return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
            }
            r = ((decimal)value).ToString(CultureInfo.InvariantCulture);
        }
        return r.Contains('.') ? r : r + ".0";
    }
}

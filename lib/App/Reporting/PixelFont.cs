namespace Dino.Repro.App.Reporting;

/// <summary>A 3×5 pixel font for axis numbers on static plots: each glyph is five rows of three bits.</summary>
internal static class PixelFont
{
    private static readonly Dictionary<char, byte[]> Glyphs = new()
    {
        ['0'] = new byte[] { 0b111, 0b101, 0b101, 0b101, 0b111 },
        ['1'] = new byte[] { 0b010, 0b110, 0b010, 0b010, 0b111 },
        ['2'] = new byte[] { 0b111, 0b001, 0b111, 0b100, 0b111 },
        ['3'] = new byte[] { 0b111, 0b001, 0b111, 0b001, 0b111 },
        ['4'] = new byte[] { 0b101, 0b101, 0b111, 0b001, 0b001 },
        ['5'] = new byte[] { 0b111, 0b100, 0b111, 0b001, 0b111 },
        ['6'] = new byte[] { 0b111, 0b100, 0b111, 0b101, 0b111 },
        ['7'] = new byte[] { 0b111, 0b001, 0b010, 0b010, 0b010 },
        ['8'] = new byte[] { 0b111, 0b101, 0b111, 0b101, 0b111 },
        ['9'] = new byte[] { 0b111, 0b101, 0b111, 0b001, 0b111 },
        ['.'] = new byte[] { 0b000, 0b000, 0b000, 0b000, 0b010 },
        ['-'] = new byte[] { 0b000, 0b000, 0b111, 0b000, 0b000 },
        ['+'] = new byte[] { 0b000, 0b010, 0b111, 0b010, 0b000 },
        ['e'] = new byte[] { 0b000, 0b111, 0b111, 0b100, 0b111 },
    };

    public static byte[]? Glyph(char c) => Glyphs.GetValueOrDefault(c);
}

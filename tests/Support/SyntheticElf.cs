using System.Text;

namespace Dino.Repro.Tests.Support;

/// <summary>
/// A minimal x86-64 ELF shared-object image with the sections the load fix reads: .dynstr, .dynsym, .gnu.version,
/// .gnu.version_r (libstdc++.so.6 needing GLIBCXX_3.4 and GLIBCXX_3.4.32) and one .rela.dyn relocation. Symbol 1 is
/// std::ios_base_library_init@GLIBCXX_3.4.32, symbol 2 operator new@GLIBCXX_3.4; the relocation uses the one asked for.
/// </summary>
public static class SyntheticElf
{
    public const string NewVersion = "GLIBCXX_3.4.32";
    public const string IosInit = "_ZSt21ios_base_library_initv";

    /// <summary>The image; <paramref name="relocatedSymbol"/> 1 makes the GLIBCXX_3.4.32 symbol really used.</summary>
    public static byte[] Build(int relocatedSymbol, bool weak = false)
    {
        var dynstr = new MemoryStream();
        int Str(string s)
        {
            var at = (int)dynstr.Length;
            dynstr.Write(Encoding.ASCII.GetBytes(s + "\0"));
            return at;
        }
        Str("");
        var libName = Str("libstdc++.so.6");
        var oldVersion = Str("GLIBCXX_3.4");
        var newVersion = Str(NewVersion);
        var ios = Str(IosInit);
        var alloc = Str("_Znwm");

        var dynsym = new byte[3 * 24];
        BitConverter.GetBytes((uint)ios).CopyTo(dynsym, 24);
        BitConverter.GetBytes((uint)alloc).CopyTo(dynsym, 48);
        var versym = new byte[6];
        BitConverter.GetBytes((ushort)3).CopyTo(versym, 2); // symbol 1 → version index 3 (GLIBCXX_3.4.32)
        BitConverter.GetBytes((ushort)2).CopyTo(versym, 4); // symbol 2 → version index 2 (GLIBCXX_3.4)
        var verneed = new byte[48];
        BitConverter.GetBytes((ushort)1).CopyTo(verneed, 0); // vn_version
        BitConverter.GetBytes((ushort)2).CopyTo(verneed, 2); // vn_cnt
        BitConverter.GetBytes((uint)libName).CopyTo(verneed, 4);
        BitConverter.GetBytes(16u).CopyTo(verneed, 8); // vn_aux
        Aux(verneed, 16, oldVersion, other: 2, next: 16, flags: 0);
        Aux(verneed, 32, newVersion, other: 3, next: 0, flags: (ushort)(weak ? 2 : 0));
        var rela = new byte[24];
        BitConverter.GetBytes(((ulong)relocatedSymbol << 32) | 7).CopyTo(rela, 8); // R_X86_64_JUMP_SLOT

        var shstr = new MemoryStream();
        int Name(string s)
        {
            var at = (int)shstr.Length;
            shstr.Write(Encoding.ASCII.GetBytes(s + "\0"));
            return at;
        }
        Name("");
        var sections = new (int name, uint type, byte[] data, uint link, uint info, ulong entsize)[]
        {
            (Name(".dynstr"), 3, dynstr.ToArray(), 0, 0, 0),
            (Name(".dynsym"), 11, dynsym, 1, 1, 24),
            (Name(".gnu.version"), 0x6fffffff, versym, 2, 0, 2),
            (Name(".gnu.version_r"), 0x6ffffffe, verneed, 1, 1, 0),
            (Name(".rela.dyn"), 4, rela, 2, 0, 24),
            (Name(".shstrtab"), 3, Array.Empty<byte>(), 0, 0, 0),
        };
        sections[^1].data = shstr.ToArray();

        var body = new MemoryStream();
        body.Write(new byte[64]);
        var offsets = new long[sections.Length];
        for (var i = 0; i < sections.Length; i++)
        {
            while (body.Length % 8 != 0)
                body.WriteByte(0);
            offsets[i] = body.Length;
            body.Write(sections[i].data);
        }
        while (body.Length % 8 != 0)
            body.WriteByte(0);
        var shoff = body.Length;
        body.Write(new byte[64]); // the null section
        for (var i = 0; i < sections.Length; i++)
        {
            var h = new byte[64];
            BitConverter.GetBytes((uint)sections[i].name).CopyTo(h, 0);
            BitConverter.GetBytes(sections[i].type).CopyTo(h, 4);
            BitConverter.GetBytes((ulong)offsets[i]).CopyTo(h, 24);
            BitConverter.GetBytes((ulong)sections[i].data.Length).CopyTo(h, 32);
            BitConverter.GetBytes(sections[i].link).CopyTo(h, 40);
            BitConverter.GetBytes(sections[i].info).CopyTo(h, 44);
            BitConverter.GetBytes(sections[i].entsize).CopyTo(h, 56);
            body.Write(h);
        }
        var image = body.ToArray();
        new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1 }.CopyTo(image, 0);
        BitConverter.GetBytes((ushort)3).CopyTo(image, 16); // ET_DYN
        BitConverter.GetBytes((ushort)62).CopyTo(image, 18); // EM_X86_64
        BitConverter.GetBytes((ulong)shoff).CopyTo(image, 0x28);
        BitConverter.GetBytes((ushort)64).CopyTo(image, 0x34); // e_ehsize
        BitConverter.GetBytes((ushort)64).CopyTo(image, 0x3a); // e_shentsize
        BitConverter.GetBytes((ushort)(sections.Length + 1)).CopyTo(image, 0x3c);
        BitConverter.GetBytes((ushort)sections.Length).CopyTo(image, 0x3e); // .shstrtab is the last
        return image;
    }

    private static void Aux(byte[] into, int at, int name, ushort other, uint next, ushort flags)
    {
        BitConverter.GetBytes(ElfHash(name)).CopyTo(into, at);
        BitConverter.GetBytes(flags).CopyTo(into, at + 4);
        BitConverter.GetBytes(other).CopyTo(into, at + 6);
        BitConverter.GetBytes((uint)name).CopyTo(into, at + 8);
        BitConverter.GetBytes(next).CopyTo(into, at + 12);
    }

    private static uint ElfHash(int seed) => (uint)seed; // the loader's hash is not read by the fix
}

// The Debian 12 load fix for TorchSharp's native library (fact sheet: "the load failure and its fix").
// libLibTorchSharp.so 0.107 asks libstdc++ for version GLIBCXX_3.4.32 (GCC 13) only because GCC 13's <iostream>
// references std::ios_base_library_init(); nothing relocates against that symbol, so marking the requirement weak
// (VER_FLG_WEAK in its Elf64_Vernaux entry) lets glibc 2.36 load the library. The check refuses a file in which a
// relocation does use a symbol of that version: then the symbol would really be called.
//
// This one file is compiled twice: into the kit (tests call WeakVersionRequirement directly) and, by MSBuild's
// RoslynCodeTaskFactory, into the build task that patches the output copies (Directory.Build.targets). It therefore
// sticks to APIs and syntax that compile without the kit's usings.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Dino.Repro.Torch.LoadFix
{
    /// <summary>What <see cref="WeakVersionRequirement.Weaken"/> did to a file.</summary>
    public enum WeakenOutcome
    {
        /// <summary>The requirement was strong; its weak flag is now set (one bit changed).</summary>
        Weakened,

        /// <summary>The requirement was already weak; the file is untouched.</summary>
        AlreadyWeak,

        /// <summary>The file does not ask for that version; the file is untouched.</summary>
        NotRequired,
    }

    /// <summary>Marks one symbol-version requirement of an x86-64 ELF shared library weak, after checking it is unused.</summary>
    public static class WeakVersionRequirement
    {
        private const uint ShtRela = 4,
            ShtRel = 9,
            ShtDynsym = 11;
        private const uint ShtGnuVerneed = 0x6ffffffe,
            ShtGnuVersym = 0x6fffffff;
        private const ushort VerFlgWeak = 0x2;

        /// <summary>
        /// Sets the weak flag of <paramref name="version"/>'s requirement in <paramref name="path"/>. The patched bytes
        /// go to a new file renamed over the old one (a hard or symbolic link to a package cache is replaced, never
        /// written through), keeping the original's modification time so incremental copies still see it as current.
        /// </summary>
        /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, a malformed version section, or a
        /// relocation refers to a symbol of that version (the requirement is real).</exception>
        public static WeakenOutcome Weaken(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            var requirement = Find(bytes, version, path, refuseIfUsed: true);
            if (requirement == null)
                return WeakenOutcome.NotRequired;
            var flagsOffset = requirement.Value.FlagsOffset;
            var flags = U16(bytes, flagsOffset);
            if ((flags & VerFlgWeak) != 0)
                return WeakenOutcome.AlreadyWeak;

            var flagged = (ushort)(flags | VerFlgWeak);
            bytes[flagsOffset] = (byte)flagged;
            bytes[flagsOffset + 1] = (byte)(flagged >> 8);
            var modified = File.GetLastWriteTimeUtc(path);
            var temporary = path + ".weakening";
            File.WriteAllBytes(temporary, bytes);
            File.SetLastWriteTimeUtc(temporary, modified);
            File.Replace(temporary, path, null); // a rename: links to the original are left alone
            return WeakenOutcome.Weakened;
        }

        /// <summary>Whether <paramref name="path"/> asks for <paramref name="version"/> (null if not), and whether weakly.</summary>
        public static bool? IsWeak(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            var requirement = Find(bytes, version, path, refuseIfUsed: false);
            if (requirement == null)
                return null;
            return (U16(bytes, requirement.Value.FlagsOffset) & VerFlgWeak) != 0;
        }

        private struct Requirement
        {
            public int FlagsOffset;
        }

        private struct Section
        {
            public int Index;
            public uint Type;
            public long Offset;
            public long Size;
            public uint Link;
            public uint Info;
            public long EntrySize;
        }

        private static Requirement? Find(byte[] bytes, string version, string path, bool refuseIfUsed)
        {
            var sections = ReadSections(bytes, path);
            Section? verneed = null,
                versym = null;
            foreach (var s in sections)
            {
                if (s.Type == ShtGnuVerneed)
                    verneed = s;
                if (s.Type == ShtGnuVersym)
                    versym = s;
            }
            if (verneed == null)
                return null;

            // Elf64_Verneed {u16 version, u16 cnt, u32 file, u32 aux, u32 next}; Elf64_Vernaux {u32 hash, u16 flags,
            // u16 other, u32 name, u32 next}; names live in the string table the section links to.
            var strings = At(sections, verneed.Value.Link, path);
            long need = verneed.Value.Offset;
            for (uint n = 0; n < verneed.Value.Info; n++)
            {
                Check(bytes, need, 16, path);
                var auxCount = U16(bytes, need + 2);
                long aux = need + U32(bytes, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    Check(bytes, aux, 16, path);
                    if (CString(bytes, strings.Offset + U32(bytes, aux + 8), path) == version)
                    {
                        if (refuseIfUsed)
                            RefuseIfRelocated(bytes, sections, versym, U16(bytes, aux + 6), version, path);
                        return new Requirement { FlagsOffset = checked((int)(aux + 4)) };
                    }
                    aux += U32(bytes, aux + 12);
                }
                var next = U32(bytes, need + 12);
                if (next == 0)
                    break;
                need += next;
            }
            return null;
        }

        private static void RefuseIfRelocated(byte[] bytes, List<Section> sections, Section? versym, ushort versionIndex, string version, string path)
        {
            if (versym == null)
                return;
            var dynsym = At(sections, versym.Value.Link, path);
            var symbolStrings = At(sections, dynsym.Link, path);
            var ofVersion = new Dictionary<long, string>();
            var count = versym.Value.Size / 2;
            for (long i = 0; i < count; i++)
            {
                if ((U16(bytes, versym.Value.Offset + 2 * i) & 0x7fff) != versionIndex)
                    continue;
                var symbol = dynsym.Offset + 24 * i; // Elf64_Sym: u32 name first
                Check(bytes, symbol, 24, path);
                ofVersion[i] = CString(bytes, symbolStrings.Offset + U32(bytes, symbol), path);
            }
            if (ofVersion.Count == 0)
                return;

            foreach (var s in sections)
            {
                if ((s.Type != ShtRela && s.Type != ShtRel) || s.Link != dynsym.Index)
                    continue;
                long entry = s.Type == ShtRela ? 24 : 16; // r_offset, r_info (symbol index in its high half)[, r_addend]
                for (long r = s.Offset; r + entry <= s.Offset + s.Size; r += entry)
                {
                    Check(bytes, r, entry, path);
                    var symbolIndex = (long)(U64(bytes, r + 8) >> 32);
                    if (ofVersion.TryGetValue(symbolIndex, out var name))
                        throw new InvalidDataException(
                            $"{path}: a relocation uses {name}@{version}, so the library really calls it; marking the "
                                + $"{version} requirement weak would leave that call unresolved on an older libstdc++. Refusing."
                        );
                }
            }
        }

        private static List<Section> ReadSections(byte[] bytes, string path)
        {
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new InvalidDataException($"{path}: not an ELF file");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException($"{path}: not a 64-bit little-endian ELF file");
            var tableOffset = (long)U64(bytes, 0x28);
            var entrySize = U16(bytes, 0x3a);
            var count = U16(bytes, 0x3c);
            if (entrySize < 64)
                throw new InvalidDataException($"{path}: section header entries of {entrySize} bytes");
            var sections = new List<Section>(count);
            for (var i = 0; i < count; i++)
            {
                var h = tableOffset + (long)i * entrySize;
                Check(bytes, h, 64, path);
                var s = new Section
                {
                    Index = i,
                    Type = U32(bytes, h + 4),
                    Offset = (long)U64(bytes, h + 24),
                    Size = (long)U64(bytes, h + 32),
                    Link = U32(bytes, h + 40),
                    Info = U32(bytes, h + 44),
                    EntrySize = (long)U64(bytes, h + 56),
                };
                if (
                    s.Type != 8 /* SHT_NOBITS */
                    && s.Size > 0
                )
                    Check(bytes, s.Offset, s.Size, path);
                sections.Add(s);
            }
            return sections;
        }

        private static Section At(List<Section> sections, uint index, string path)
        {
            if (index >= sections.Count)
                throw new InvalidDataException($"{path}: section link {index} out of range");
            return sections[(int)index];
        }

        private static void Check(byte[] bytes, long offset, long length, string path)
        {
            if (offset < 0 || length < 0 || offset + length > bytes.Length)
                throw new InvalidDataException($"{path}: truncated ELF file (needs bytes {offset}..{offset + length}, has {bytes.Length})");
        }

        private static string CString(byte[] bytes, long offset, string path)
        {
            Check(bytes, offset, 1, path);
            var end = offset;
            while (end < bytes.Length && bytes[end] != 0)
                end++;
            return Encoding.ASCII.GetString(bytes, (int)offset, (int)(end - offset));
        }

        private static ushort U16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));

        private static uint U32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

        private static ulong U64(byte[] b, long o) => U32(b, o) | ((ulong)U32(b, o + 4) << 32);
    }

#if !DINO_KIT
    /// <summary>The MSBuild side: weakens the requirement in the output copies named by <c>Files</c> (missing ones are skipped).</summary>
    public sealed class WeakenElfVersionRequirement : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        [Microsoft.Build.Framework.Required]
        public string Version { get; set; } = "";

        /// <summary>Files under this folder (the NuGet package cache) are never written.</summary>
        public string ProtectedRoot { get; set; } = "";

        public override bool Execute()
        {
            foreach (var item in Files)
            {
                var path = Path.GetFullPath(item.ItemSpec);
                if (!File.Exists(path))
                    continue;
                if (ProtectedRoot.Length > 0 && path.StartsWith(Path.GetFullPath(ProtectedRoot), StringComparison.Ordinal))
                {
                    Log.LogError($"{path} lies in the package cache ({ProtectedRoot}); only output copies are patched");
                    continue;
                }
                try
                {
                    var outcome = WeakVersionRequirement.Weaken(path, Version);
                    if (outcome == WeakenOutcome.Weakened)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"{path}: {Version} requirement marked weak");
                }
                catch (InvalidDataException e)
                {
                    Log.LogError(e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}

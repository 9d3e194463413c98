using System.Security.Cryptography;
using Dino.Repro.Data.Synthetic.VoiceFaces;

namespace Dino.Repro.Tests.Data.VoiceFaces;

/// <summary>
/// The voice-faces videos were made from these exact frames: a hash of a few rendered faces pins the renderer's bytes,
/// so the pose and domain traits the two-domain faces add to it cannot move them. The hash changes only with the
/// corpus on purpose, and each change is listed here: voice-faces v2 (2026-12-07) gave the female voices long hair
/// (identity 5 below), and its made-once folders moved to a v2 name so no cached v1 corpus is read as v2.
/// </summary>
public class VoiceFacesBytesGuardTests
{
    private const string Published = "81E73A04C930F437303CBE53F9D9984DF50E40EEF9E1740517F1E19D000F8C1C";

    [Fact]
    public void The_voice_faces_frames_render_the_published_bytes()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var states = new[] { new FaceState(0, 0, false, 0), new FaceState(0.02, -0.012, true, 1), new FaceState(-0.013, 0.007, false, 0.37) };
        foreach (var (seed, index, size) in new[] { (0L, 0, 96), (0L, 5, 96), (3L, 11, 128), (7L, 2, 80) })
        {
            var identity = VoiceFaceIdentity.Create(seed, index);
            foreach (var state in states)
            {
                using var frame = TalkingFace.Render(identity, size, state);
                hash.AppendData(frame.ToArray<byte>());
            }
        }
        var actual = Convert.ToHexString(hash.GetHashAndReset());
        Assert.True(actual == Published, $"the voice-faces frames' bytes changed: SHA-256 {actual}");
    }
}

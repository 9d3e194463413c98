using System.Security.Cryptography;
using Dino.Repro.Data.Synthetic.VoiceFaces;

namespace Dino.Repro.Tests.Data.VoiceFaces;

/// <summary>
/// The voice-faces videos were made from these exact frames: a hash of a few rendered faces pins the renderer's bytes,
/// so the pose and domain traits the two-domain faces add to it cannot move them.
/// </summary>
public class VoiceFacesBytesGuardTests
{
    private const string Published = "5327A0D846C8A19742DC99E7501CB5B6321FA744D5074E57E7C989AE55FF1C92";

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

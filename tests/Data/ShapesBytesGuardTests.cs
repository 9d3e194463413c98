using System.Security.Cryptography;
using Dino.Repro.Data.Synthetic;

namespace Dino.Repro.Tests.Data;

/// <summary>
/// The shapes corpora's published numbers were measured on these exact scenes: a hash of a few rendered scenes pins
/// the classic look's bytes (labels and photo), so a change to the renderer shared with other looks cannot move them.
/// </summary>
public class ShapesBytesGuardTests
{
    private const string Published = "92C492A333A193418EE2C49FD30185C740AD46841753FE1F0D4F43A09CCDA97C";

    [Fact]
    public void The_classic_shapes_scenes_render_the_published_bytes()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (seed, id, size) in new[] { (0L, 0, 64), (0L, 1, 64), (0L, 9, 64), (0L, 199, 64), (5L, 3, 32), (0L, 7, 16) })
        {
            var scene = ShapesScene.Render(seed, id, size);
            hash.AppendData(scene.Labels);
            hash.AppendData(scene.Photo);
            foreach (var mask in scene.ClassMasks)
                hash.AppendData(mask.Select(covered => covered ? (byte)1 : (byte)0).ToArray());
        }
        var actual = Convert.ToHexString(hash.GetHashAndReset());
        Assert.True(actual == Published, $"the classic scenes' bytes changed: SHA-256 {actual}");
    }
}

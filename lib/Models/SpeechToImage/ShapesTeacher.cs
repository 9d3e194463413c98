using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.IO;
using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.SpeechToImage;

/// <summary>
/// The teacher image encoder for Spoken shapes — the kit's stand-in for the ImageNet GoogLeNet whose pool5 feature the
/// paper's speech encoder learns to match. Like a pretrained encoder it must describe classes it was not trained on, so
/// it reads colour and geometry apart: a colour branch (two per-pixel 1×1 convolutions + ReLU on RGB, max-pooled, so it
/// cannot see outlines) gives a quarter of the embedding and alone feeds the colour head; a geometry branch (four
/// stride-2 conv3×3 + batch norm + ReLU on the luminance about its mean, its contrast jittered in training) gives the
/// rest and alone feeds the shape and size heads. One network with shared features learns "red ⇒ not a triangle" from a
/// pool without red triangles and fails on them; these branches cannot. The pool is its own (another seed than the
/// corpus, one object a scene) and shows every colour, shape and size but never a held-out colour × shape combination,
/// so the held-out classes are new to the teacher too, as ImageNet's classes are not CUB's.
/// </summary>
public sealed class ShapesTeacher : nn.Module<Tensor, Tensor>
{
    private readonly Sequential colourBranch,
        geometryBranch;
    private readonly Linear colour,
        shape,
        size;
    private readonly int colourPart;

    public ShapesTeacher(int embedding)
        : base(nameof(ShapesTeacher))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(embedding, 4);
        Embedding = embedding;
        colourPart = embedding / 4;
        colourBranch = nn.Sequential(
            nn.Conv2d(3, 32, 1),
            nn.ReLU(),
            nn.Conv2d(32, 32, 1),
            nn.ReLU(),
            nn.AdaptiveMaxPool2d([1, 1]),
            nn.Flatten(),
            nn.Linear(32, colourPart),
            nn.ReLU()
        );
        geometryBranch = nn.Sequential();
        int[] channels = [1, 32, 64, 128, 128];
        for (var i = 0; i < 4; i++)
        {
            geometryBranch.append(nn.Conv2d(channels[i], channels[i + 1], 3, stride: 2, padding: 1, bias: false));
            geometryBranch.append(nn.BatchNorm2d(channels[i + 1]));
            geometryBranch.append(nn.ReLU());
        }
        geometryBranch.append(nn.AdaptiveAvgPool2d(1));
        geometryBranch.append(nn.Flatten());
        geometryBranch.append(nn.Linear(128, embedding - colourPart));
        geometryBranch.append(nn.ReLU());
        colour = nn.Linear(colourPart, SpokenShapesVocabulary.Colours.Count);
        shape = nn.Linear(embedding - colourPart, SpokenShapesVocabulary.Shapes.Count);
        size = nn.Linear(embedding - colourPart, SpokenShapesVocabulary.Sizes.Count);
        RegisterComponents();
    }

    public int Embedding { get; }

    /// <summary>The teacher embedding [N, embedding] of images [N, 3, S, S] in [−1, 1]: colour part, then geometry part.</summary>
    public override Tensor forward(Tensor images) => Encode(images, null);

    // The geometry branch sees the luminance about its image mean; in training its contrast is scaled by a random factor
    // of either sign per image (|factor| in [0.5, 1.5)), so how bright an object is (which betrays its colour) cannot stand
    // in for its outline.
    private Tensor Encode(Tensor images, Tensor? contrast)
    {
        using var scope = torch.NewDisposeScope();
        using var weights = torch.tensor(new float[] { 0.299f, 0.587f, 0.114f }, device: images.device).view(1, 3, 1, 1);
        var luminance = images.mul(weights).sum(1, keepdim: true);
        var centred = luminance.sub(luminance.mean([1, 2, 3], keepdim: true));
        if (contrast is not null)
            centred = centred.mul(contrast.view(-1, 1, 1, 1));
        return torch.cat([colourBranch.call(images), geometryBranch.call(centred)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>The attribute logits, each from its own part of the embedding: colour [N, 4], shape [N, 3], size [N, 2].</summary>
    public (Tensor Colour, Tensor Shape, Tensor Size) Attributes(Tensor embedding)
    {
        var geometry = embedding.narrow(1, colourPart, Embedding - colourPart);
        return (colour.call(embedding.narrow(1, 0, colourPart)), shape.call(geometry), size.call(geometry));
    }

    /// <summary>Seed of the teacher's own image pool (the corpus uses <see cref="SpokenShapesOptions.DefaultSeed"/>).</summary>
    public const long PoolSeed = 7_700_001;

    public const int PoolImages = 2400,
        TrainingSteps = 1500;

    public const string Version = "v6";

    /// <summary>
    /// The pool: one-object Spoken shapes scenes of <see cref="PoolSeed"/> of training classes, as images [N, 3, S, S] in
    /// [−1, 1] with the object's colour, shape and size (with two objects the picture cannot say which the words name).
    /// </summary>
    public static (Tensor Images, Tensor Colour, Tensor Shape, Tensor Size) Pool(int count, int side)
    {
        var held = SpokenShapesVocabulary.TestClasses.ToHashSet();
        var images = new List<float>();
        List<long> colours = [],
            shapes = [],
            sizes = [];
        for (var id = 0; colours.Count < count; id++)
        {
            var image = SpokenShapesImage.Render(PoolSeed, id, side);
            var d = image.Description;
            if (held.Contains(d.Main.ClassId) || d.Other is not null) // one object: the picture alone says which it is
                continue;
            images.AddRange(image.Photo.Select(b => b / 127.5f - 1));
            colours.Add(d.Main.Colour);
            shapes.Add(d.Main.Shape);
            sizes.Add(d.Main.Size);
        }
        var tensor = torch.tensor(images.ToArray(), [count, side, side, 3]).permute(0, 3, 1, 2).contiguous();
        return (tensor, torch.tensor(colours.ToArray()), torch.tensor(shapes.ToArray()), torch.tensor(sizes.ToArray()));
    }

    /// <summary>The teacher for <paramref name="side"/>² images, trained once (seeded) and cached under the data root, frozen.</summary>
    public static ShapesTeacher Trained(int side, int embedding)
    {
        var path = Path.Combine(KitPaths.DataRoot(), "cache", "speech-to-image", $"shapes-teacher-{Version}-{side}px-e{embedding}.safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Built under the pool's seed too: initial weights drawn from whatever the process ran before would differ run to run.
        var (teacher, _) = CachedNetwork.LoadOrTrain(
            path,
            () => SeededDefaultGenerator.Run(PoolSeed, () => new ShapesTeacher(embedding)),
            t => Train(t, side)
        );
        foreach (var p in teacher.parameters())
            p.requires_grad_(false);
        return teacher;
    }

    private static void Train(ShapesTeacher teacher, int side) => SeededDefaultGenerator.Run(PoolSeed, () =>
        {
            var (images, colours, shapes, sizes) = Pool(PoolImages, side);
            using var _ = images;
            using var optimizer = torch.optim.Adam(teacher.parameters(), lr: 1e-3);
            teacher.train();
            for (var step = 0; step < TrainingSteps; step++)
            {
                using var scope = torch.NewDisposeScope();
                var picks = torch.randint(0, PoolImages, [32], dtype: ScalarType.Int64);
                var contrast = torch.rand(32).add(Scalars.Of(0.5)).mul(torch.randint(0, 2, [32]).mul(Scalars.Of(2)).sub(Scalars.Of(1)));
                var (c, s, z) = teacher.Attributes(teacher.Encode(images.index_select(0, picks), contrast));
                var loss = nn
                    .functional.cross_entropy(c, colours.index_select(0, picks))
                    .add(nn.functional.cross_entropy(s, shapes.index_select(0, picks)))
                    .add(nn.functional.cross_entropy(z, sizes.index_select(0, picks)));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            colours.Dispose();
            shapes.Dispose();
            sizes.Dispose();
        });
}

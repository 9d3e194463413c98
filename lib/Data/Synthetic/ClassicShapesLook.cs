namespace Dino.Repro.Data.Synthetic;

/// <summary>The original Shapes look (<see cref="ShapeTexture"/> per class, grey-blue background), all from the scene's stream.</summary>
internal sealed class ClassicShapesLook : ShapesLook
{
    public override string CorpusName => ShapesCorpus.Name;

    public override string Title => "Shapes";

    public override string VersionTag => $"v{ShapesScene.Version}";

    internal override ScenePainter Begin(long seed, int index, int size, Random geometry) => new Painter(size, geometry);

    private sealed class Painter(int size, Random random) : ScenePainter
    {
        public override void PaintBackground(float[] color) => ShapesScene.PaintBackground(color, size, random);

        public override IShapeShader TextureFor(ShapesClass cls) => ShapeTexture.Random(cls, random);

        public override byte[] Finish(float[] color) => ShapesScene.Finish(color, size, random);
    }
}

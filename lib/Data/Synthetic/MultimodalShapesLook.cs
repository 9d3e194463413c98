namespace Dino.Repro.Data.Synthetic;

/// <summary>
/// The look of `shapes-multimodal`: per shape a random texture family in a colour of its class' palette band, a
/// cluttered muted background and per-scene lighting (direction, strength, tint). Its appearance comes from a second
/// stream, so the scene's geometry stream, and with it the labels, is the classic look's.
/// </summary>
internal sealed class MultimodalShapesLook : ShapesLook
{
    /// <summary>What this look draws changed with this number; its made folders carry it.</summary>
    public const int Version = 1;

    // Mixed with the scene's seed into the appearance stream's; above any id, so it is no scene's geometry stream.
    private const int AppearanceSalt = 0x6D6D_6F64;

    public override string CorpusName => ShapesMultimodalCorpus.Name;

    public override string Title => "Shapes-multimodal";

    public override string VersionTag => $"v{ShapesScene.Version}-multimodal{Version}";

    internal override ScenePainter Begin(long seed, int index, int size, Random geometry) =>
        new Painter(
            size,
            Classic.Begin(seed, index, size, geometry),
            new Random(ShapesScene.MixSeed(ShapesScene.MixSeed(seed, index), AppearanceSalt))
        );

    // The classic painter runs too, only to take its draws from the geometry stream in the classic order; what it paints is painted over.
    private sealed class Painter(int size, ScenePainter classic, Random appearance) : ScenePainter
    {
        public override void PaintBackground(float[] color)
        {
            classic.PaintBackground(color);
            MultimodalBackground.Paint(color, size, appearance);
        }

        public override IShapeShader TextureFor(ShapesClass cls)
        {
            _ = classic.TextureFor(cls);
            return MultimodalTexture.Random(cls, size, appearance);
        }

        // Scene lighting: an ambient level, a linear gradient of random direction and strength, a colour tint; then noise.
        public override byte[] Finish(float[] color)
        {
            var ambient = ShapesPalette.Between(appearance, 0.9, 1.05);
            var strength = ShapesPalette.Between(appearance, 0, 0.2);
            var angle = appearance.NextDouble() * Math.PI * 2;
            double[] tint = [.. Enumerable.Range(0, 3).Select(_ => 1 + ShapesPalette.Between(appearance, -0.06, 0.06))];
            return ShapesScene.Lit(color, size, ambient, strength, angle, tint, 0.02, appearance);
        }
    }
}

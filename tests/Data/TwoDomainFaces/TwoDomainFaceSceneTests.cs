using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Vision;

namespace Dino.Repro.Tests.Data.TwoDomainFaces;

public class TwoDomainFaceSceneTests
{
    private const int Width = 89,
        Height = 109;

    // Each face drawn in both domains: the same person, pose and backdrop, only the domain traits differ.
    private static readonly (TwoDomainFaceScene Scene, Canvas Female, Canvas Male)[] Pairs = Enumerable
        .Range(0, 40)
        .Select(i => TwoDomainFaceScene.Sample(1, i))
        .Select(s => (s, s.Render(Width, Height, CelebAGenderCorpus.Female), s.Render(Width, Height, CelebAGenderCorpus.Male)))
        .ToArray();

    [Fact]
    public void Women_have_long_hair_beside_the_neck_where_men_show_the_backdrop()
    {
        // Beside the neck, below the short cut's reach: 0.20–0.28 and 0.72–0.80 of the width, 0.70–0.76 of the height.
        double NearHair(Canvas c, Rgb hair) => Region(c, [(0.20, 0.28), (0.72, 0.80)], (0.70, 0.76)).Average(p => Distance(p, hair) < 30 ? 1.0 : 0.0);
        var female = Pairs.Select(p => NearHair(p.Female, p.Scene.Hair)).ToArray();
        var male = Pairs.Select(p => NearHair(p.Male, p.Scene.Hair)).ToArray();
        Assert.True(female.Average() > 0.5, $"hair-coloured share beside the neck, women: {female.Average():F2}, men: {male.Average():F2}");
        Assert.True(male.Average() < 0.15, $"men: {male.Average():F2}, women: {female.Average():F2}");
        Assert.True(female.Zip(male).Count(p => p.First > p.Second) >= 36, "women's side regions are hair-coloured more often, face by face");
    }

    [Fact]
    public void Men_have_a_darker_chin_where_the_beard_grows()
    {
        double ChinLuma(Canvas c) => Region(c, [(0.45, 0.55)], (0.73, 0.77)).Average(p => p.Luma);
        var darker = Pairs.Select(p => ChinLuma(p.Female) - ChinLuma(p.Male)).ToArray();
        Assert.True(darker.Average() > 15, $"mean chin luma difference {darker.Average():F1}");
        Assert.True(darker.Count(d => d > 0) >= 36, $"{darker.Count(d => d > 0)} of 40 male chins darker");
    }

    [Fact]
    public void Both_domains_of_a_face_share_its_backdrop()
    {
        // The top corners show the backdrop only, pixel for pixel the same in both domains.
        (double, double)[] corners = [(0, 0.1), (0.9, 1)];
        Assert.All(Pairs, p => Assert.Equal(Region(p.Female, corners, (0, 0.08)), Region(p.Male, corners, (0, 0.08))));
    }

    private static IEnumerable<Rgb> Region(Canvas c, (double From, double To)[] columns, (double From, double To) rows) =>
        from column in columns
        from y in Enumerable.Range((int)(rows.From * c.Height), (int)((rows.To - rows.From) * c.Height))
        from x in Enumerable.Range((int)(column.From * c.Width), (int)((column.To - column.From) * c.Width))
        select c[x, y];

    private static double Distance(Rgb a, Rgb b) => Math.Sqrt(Square(a.R - b.R) + Square(a.G - b.G) + Square(a.B - b.B));

    private static double Square(double v) => v * v;
}

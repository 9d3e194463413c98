using Dino.Repro.Data.SoundVideo;

namespace Dino.Repro.Tests.Data.SoundVideo;

public class CropBoxTests
{
    [Fact]
    public void A_crop_is_parsed_from_the_reference_flag_and_malformed_ones_are_refused_saying_what_was_given()
    {
        Assert.Equal(new CropBox(650, 400, 1250, 1000), CropBox.Parse("650,400,1250,1000"));
        Assert.Equal(new CropBox(1, 2, 3, 4), CropBox.Parse(" 1, 2 ,3,4 "));
        Assert.Null(CropBox.Parse(""));
        foreach (var bad in new[] { "1,2,3", "a,b,c,d", "1,2,3,4,5", "5,0,5,10", "0,9,10,3", "-1,0,4,4" })
            Assert.Contains(bad, Assert.Throws<FormatException>(() => CropBox.Parse(bad)).Message);
    }
}

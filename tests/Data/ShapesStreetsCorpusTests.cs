using Dino.Repro.Data;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data;

public class ShapesStreetsCorpusTests
{
    // Shapes label → the Cityscapes train id of the class it is written as (labels.py: road 0, building 2,
    // traffic sign 7, vegetation 8, car 13), for background, stripe, box, disc, triangle.
    internal static readonly long[] TrainIdOfShapesLabel = [0, 2, 13, 7, 8];

    [Fact]
    public void The_cityscapes_reader_reads_back_every_scene_its_labels_as_train_ids_and_its_photo_losslessly()
    {
        using var dir = new Fixtures.TempFolder();
        var options = new ShapesOptions(Count: 20, Size: 16, Seed: 3);
        var corpus = ShapesStreetsCorpus.Write(dir.Root, options);

        var train = corpus.Frames("train");
        var val = corpus.Frames("val");
        Assert.Equal(Enumerable.Range(0, 20).Where(id => id % 10 != 9).Select(ShapesStreetsCorpus.StemOf), train.Select(f => f.Stem));
        Assert.Equal([ShapesStreetsCorpus.StemOf(9), ShapesStreetsCorpus.StemOf(19)], val.Select(f => f.Stem));
        Assert.All(train.Concat(val), f => Assert.Equal(ShapesStreetsCorpus.City, f.City));

        foreach (var (frame, id) in new[] { (train[0], 0), (val[1], 19) })
        {
            var scene = ShapesCorpus.Render(options, id);
            using var trainIds = corpus.ReadTrainIds(frame);
            Assert.Equal(scene.Labels.Select(l => TrainIdOfShapesLabel[l]).ToArray(), trainIds.ToArray<long>());
            using var example = corpus.Load(frame, 16, 16); // the file's own size: no resampling
            using var bytes = Dino.Repro.Vision.ImageTensor.ToHwc(example.Photo);
            Assert.Equal(scene.Photo, bytes.ToArray<byte>());
        }
    }

    [Fact]
    public void It_is_registered_as_an_embedded_corpus_standing_for_cityscapes_and_made_once_under_the_data_root()
    {
        var entry = CorpusRegistry.Find(ShapesStreetsCorpus.Name)?.Maker;
        Assert.NotNull(entry);
        Assert.Equal("cityscapes", entry.StandsFor);

        using var data = new Dino.Repro.Tests.Support.DataRootScope();
        var first = ImageToImageData.ShapesStreets(count: 10, resolution: 16);
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(first.Root, ShapesStreetsCorpus.ManifestFile));
        var again = ImageToImageData.ShapesStreets(count: 10, resolution: 16);
        Assert.Equal(first.Root, again.Root);
        Assert.StartsWith(data.Path, first.Root);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(again.Root, ShapesStreetsCorpus.ManifestFile)));
        Assert.Single(new CityscapesCorpus(first.Root).Frames("val")); // id 9 of 0..9
    }
}

using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Signal;
using Dino.Repro.Tests.Support;

namespace Dino.Repro.Tests.Data.SoundVideo;

public class OutOfDistributionSoundsTests
{
    // Sound i lasts lengths[i] seconds at 8 kHz, its samples all equal to i / 100 (so a cut sound shows whose it is).
    private static IReadOnlyList<string> Write(string folder, double[] lengths)
    {
        for (var i = 0; i < lengths.Length; i++)
        {
            var samples = Enumerable.Repeat(i / 100f, (int)(lengths[i] * 8000)).ToArray();
            WavFile.Write(Path.Combine(folder, $"s{i:D2}.wav"), samples, 8000);
        }
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a sound");
        return OutOfDistributionSounds.Files(folder);
    }

    [Fact]
    public void Sounds_under_a_second_are_skipped_longer_ones_cut_to_five_seconds_until_enough_are_taken()
    {
        using var folder = new Fixtures.TempFolder();
        var files = Write(folder.Root, [0.5, 2, 7, 0.99, 1, 3]);
        Assert.Equal(6, files.Count); // the .wav files only, in name order
        var taken = OutOfDistributionSounds.Pick(files, 3).ToList();
        Assert.Equal(["s01.wav", "s02.wav", "s04.wav"], taken.Select(t => Path.GetFileName(t.Path)));
        Assert.Equal([2 * 8000, 5 * 8000, 8000], taken.Select(t => t.Audio.Length));
        Assert.Equal(0.02f, taken[1].Audio.Channels[0][^1], 4); // the long sound's own samples, cut

        var all = OutOfDistributionSounds.Pick(files, 100).ToList();
        Assert.Equal(4, all.Count); // fewer long enough than asked: every one of them
    }

    [Fact]
    public void A_seeded_shuffle_draws_the_same_order_twice_and_another_seed_another_order()
    {
        using var folder = new Fixtures.TempFolder();
        var files = Write(folder.Root, Enumerable.Repeat(1.0, 12).ToArray());
        string[] Order(int seed) => [.. OutOfDistributionSounds.Pick(files, 12, new Random(seed)).Select(t => Path.GetFileName(t.Path))];
        Assert.Equal(Order(3), Order(3));
        Assert.NotEqual(Order(3), Order(4));
        Assert.Equal(files.Select(Path.GetFileName).Order(), Order(3).Order()); // a permutation
    }

    [Fact]
    public void A_missing_or_empty_folder_is_an_error_naming_it()
    {
        using var folder = new Fixtures.TempFolder();
        var missing = Path.Combine(folder.Root, "FSD50K.dev_audio");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => OutOfDistributionSounds.Files(missing)).Message);
        Assert.Contains(folder.Root, Assert.Throws<InvalidDataException>(() => OutOfDistributionSounds.Files(folder.Root)).Message);
    }
}

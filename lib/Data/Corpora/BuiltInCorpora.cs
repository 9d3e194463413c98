using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.CelebAMaskHq;
using Dino.Repro.Data.Cityscapes;
using Dino.Repro.Data.Cub200;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Oxford102;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.SpokenCaptions;
using Dino.Repro.Data.Synthetic;
using Dino.Repro.Data.Synthetic.SoundDrivenClip;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Data.Synthetic.SpokenGrid;
using Dino.Repro.Data.Synthetic.SpokenShapes;
using Dino.Repro.Data.Synthetic.TwoDomainFaces;
using Dino.Repro.Data.Synthetic.VoiceFaces;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Vision;

namespace Dino.Repro.Data.Corpora;

/// <summary>
/// Every corpus the kit ships, one entry each (pix2pix registers its datasets the same way): a new corpus is an entry
/// here plus its reader, and the listings, `dino corpus prepare`, the experiments' data and the tables' evaluation
/// all find it through <see cref="CorpusRegistry"/>.
/// </summary>
public static class BuiltInCorpora
{
    // pix2pix's protocol: train on Cityscapes train, test on Cityscapes val.
    private const string CityscapesTrain = "train";
    private const string CityscapesTest = "val";

    // Real corpora whose readers keep no name constant of their own.
    private const string GridName = "grid",
        SoundVideoName = "sound-video";

    public static IReadOnlyList<CorpusDefinition> All { get; } =
    [
        new(CelebAMaskHqLayout.CorpusName, "CelebAMask-HQ: 30,000 faces 1024² with 19-label part masks 512² (DINO image-to-image)")
        {
            RealLayout = "CelebA-HQ-img/, CelebAMask-HQ-mask-anno/, CelebA-HQ-to-CelebA-mapping.txt",
            Describe = CorpusCheck.CelebAMaskHq,
            // The paper scores CelebAMask-HQ translations with the dataset's own face parser.
            Paired = new(
                (_, _) => OfCelebAMaskHq(CelebAMaskHqLayout.CorpusName, ImageToImageData.RealCelebAMaskHq(), made: null),
                (_, resolution, batch, seed, bad, cache) =>
                    ImageToImageData.CachedTrainBatches(
                        CelebAMaskHqLayout.CorpusName,
                        ImageToImageData.RealCelebAMaskHq(),
                        resolution,
                        batch,
                        seed,
                        bad,
                        cache
                    ),
                PretrainedSegmenter: "face-parsing"
            ),
        },
        new(CityscapesCorpus.CorpusName, "Cityscapes gtFine: street scenes 2048×1024, 19 train ids (pix2pix/DINO labels→photo)")
        {
            RealLayout = "leftImg8bit/<split>/<city>/, gtFine/<split>/<city>/",
            Describe = CorpusCheck.Cityscapes,
            // The paper's Cityscapes segmenter; the Cityscapes-layout corpora skip the decoded-tensor cache (not wired yet).
            Paired = new(
                (_, _) => OfCityscapes(CityscapesCorpus.CorpusName, ImageToImageData.RealCityscapes(), made: null),
                (_, resolution, batch, seed, _, _) => ImageToImageData.RealCityscapes().Batches(CityscapesTrain, resolution, resolution, batch, seed),
                PretrainedSegmenter: "cityscapes-deeplabv3plus"
            ),
        },
        new(GridName, "GRID: 33 speakers with video × 1000 sentences, 25 fps MPEG + 50 kHz audio + word alignments (DINO video-to-speech)")
        {
            RealLayout = "s<N>/<id>.mpg, s<N>/<id>.wav, s<N>/align/<id>.align",
            Describe = CorpusCheck.Grid,
            Grid = (_, _) => GridCorpus.Default(),
        },
        new(CubLayout.CorpusName, "CUB-200-2011 birds + Reed et al.'s 10 captions per image, 150/50 classes (speech-to-image)")
        {
            RealLayout = "CUB_200_2011/, cvpr2016_cub/text_c10/",
            Describe = root => CorpusCheck.Captioned("CUB-200", new CubCorpus(root)),
            BuildCaches = (root, dataRoot, progress) => CorpusCaches.SpokenCaptions(new CubCorpus(root), CubLayout.CorpusName, dataRoot, progress),
            SpokenCaptions = (_, _, _) => new SpokenCaptionCorpus(CubCorpus.OpenDefault(), SpokenCaptionCache.ForCorpus(CubLayout.CorpusName)),
        },
        new(Oxford102Corpus.CorpusName, "Oxford-102 flowers + Reed et al.'s 10 captions per image, 82/20 classes (speech-to-image)")
        {
            RealLayout = "jpg/, imagelabels.mat, cvpr2016_flowers/text_c10/",
            Describe = root => CorpusCheck.Captioned("Oxford-102", new Oxford102Corpus(root)),
            BuildCaches = (root, dataRoot, progress) =>
                CorpusCaches.SpokenCaptions(new Oxford102Corpus(root), Oxford102Corpus.CorpusName, dataRoot, progress),
            SpokenCaptions = (_, _, _) =>
                new SpokenCaptionCorpus(Oxford102Corpus.OpenDefault(), SpokenCaptionCache.ForCorpus(Oxford102Corpus.CorpusName)),
        },
        new(CelebAGenderCorpus.CorpusName, "CelebA aligned faces, the Male attribute as two classes, 80/20 per class (AC-GAN translation)")
        {
            RealLayout = "img_align_celeba/, list_attr_celeba.txt",
            Describe = CorpusCheck.CelebA,
            Faces = (_, _) => CelebAGenderCorpus.OpenDefault(),
        },
        new(YouTubersCorpus.CorpusName, "YouTubers talking heads: speech windows (4 s, 16 kHz) + 64² Haar faces per identity (Wav2Pix)")
        {
            RealLayout = "videos/<identity>/<video>.mp4|mkv|webm|avi|mov",
            Describe = CorpusCheck.YouTubers,
            BuildCaches = (root, dataRoot, _) => CorpusCaches.FaceSpeechPairs(root, dataRoot),
            TalkingHeads = (_, options) => YouTubersCorpus.OpenDefault(options),
        },
        new(SoundVideoName, "Single videos with sound: 20 fps frames + 64-band log-mel per frame, first 80% train (Listen and Move)")
        {
            RealLayout = "<clip>.mp4|mkv|webm|mov, one experiment per clip",
            Describe = CorpusCheck.SoundVideo,
            SoundVideos = _ => CorpusPaths.ExpectedPath(SoundVideoName),
        },
        new(OutOfDistributionSounds.Fsd50kName, "FSD50K development clips: unheard sounds for Listen and Move's Table 2 (500 drawn, first 5 s)")
        {
            RealLayout = $"{OutOfDistributionSounds.Fsd50kDevAudio}/<id>.wav",
            Describe = CorpusCheck.Fsd50k,
        },
        Made(
            ShapesCorpus.Name,
            CelebAMaskHqLayout.CorpusName,
            ShapesCorpus.Make,
            "Shapes: label maps of stripes, boxes, discs, triangles → textured photos (smoke 32 @ 64², cpu 2000 @ 64²)"
        ) with
        {
            Paired = MadeCelebAMaskHqPairs(ShapesCorpus.Name, ImageToImageData.Shapes),
        },
        Made(
            ShapesMultimodalCorpus.Name,
            CelebAMaskHqLayout.CorpusName,
            ShapesMultimodalCorpus.Make,
            "Shapes-multimodal: the Shapes label maps → photos of random texture, class-palette colour, lighting and background "
                + "clutter, many valid photos per map (smoke 32 @ 64², cpu 2000 @ 64²)"
        ) with
        {
            Paired = MadeCelebAMaskHqPairs(ShapesMultimodalCorpus.Name, ImageToImageData.ShapesMultimodal),
        },
        Made(
            SpokenGridCorpus.Name,
            GridName,
            SpokenGridCorpus.Make,
            "Spoken GRID: GRID-grammar sentences by espeak-ng voices, 16 kHz, with a 25 fps synthetic talking face (smoke 4×6 @ 64², cpu 8×100 @ 96²)"
        ) with
        {
            Grid = SpokenGridCorpus.MadeOnce,
        },
        Made(
            SpokenShapesCorpus.Name,
            CubLayout.CorpusName,
            SpokenShapesCorpus.Make,
            "Spoken shapes: scenes of 1–2 coloured shapes with 10 captions each spoken by 4 espeak-ng voices, 12 classes (9 train / 3 test) "
                + "(smoke 24 @ 64², cpu 3000 @ 64²)"
        ) with
        {
            SpokenCaptions = SpokenCaptionData.SpokenShapes,
        },
        Made(
            VoiceFacesCorpus.Name,
            YouTubersCorpus.CorpusName,
            VoiceFacesCorpus.Make,
            "Voice faces: espeak-ng voices each paired with a synthetic talking face, GRID sentences "
                + "(smoke 4 ids × 2 videos @ 96², cpu 12 × 6 @ 128²; --count = identities); female voices have long hair, lower voices longer faces"
        ) with
        {
            TalkingHeads = VoiceFacesCorpus.MadeOnce,
        },
        Made(
            SoundDrivenClipCorpus.Name,
            SoundVideoName,
            SoundDrivenClipCorpus.Make,
            "Sound-driven clip: a melody whose notes move, colour and size a disc (smoke 4 s @ 64², cpu 60 s @ 64²; --count = seconds)"
        ),
        Made(
            SoundMotionCorpus.Name,
            SoundVideoName,
            SoundMotionCorpus.Make,
            "Sound-motion: Listen and Move's four sources — melodic, harmonic, percussive, speech — driving shapes with memory over a "
                + "textured backdrop, per-frame states recorded, and out-of-distribution sounds (smoke 8 s, cpu 120 s @ 64²; --count = seconds)"
        ) with
        {
            SoundVideos = SoundMotionCorpus.MadeOnce,
        },
        Made(
            TwoDomainFacesCorpus.Name,
            CelebAGenderCorpus.CorpusName,
            TwoDomainFacesCorpus.Make,
            "Two-domain faces: synthetic heads, female-like (long hair, lipstick) or male-like (short hair, beard), with yaw, roll, mouth, "
                + "gaze, backdrop and position shared and recorded (smoke 40, cpu 4000 @ 178×218; --size = width)"
        ) with
        {
            // Made at CelebA's 178×218 whatever the training size: the reader squeezes each face to it, as on the real corpus.
            Faces = (count, _) => TwoDomainFacesCorpus.MadeOnce(count),
        },
        Made(
            ShapesStreetsCorpus.Name,
            CityscapesCorpus.CorpusName,
            ShapesStreetsCorpus.Make,
            "Shapes-streets: the Shapes scenes as Cityscapes gtFine label ids → leftImg8bit photos (smoke 32 @ 64², cpu 2000 @ 64²)"
        ) with
        {
            Paired = new(
                (count, resolution) => OfCityscapes(ShapesStreetsCorpus.Name, ImageToImageData.ShapesStreets(count, resolution), made: count),
                (count, resolution, batch, seed, _, _) =>
                    ImageToImageData.ShapesStreets(count, resolution).Batches(CityscapesTrain, resolution, resolution, batch, seed)
            ),
        },
    ];

    private static CorpusDefinition Made(string name, string standsFor, Func<string, EmbeddedCorpusRequest, string> write, string description) =>
        new(name, description) { Maker = new EmbeddedCorpusMaker(standsFor, write) };

    // An embedded corpus in CelebAMask-HQ's layout, made once by `made` (pairs, resolution), its decoded train split cached.
    private static PairedCorpusView MadeCelebAMaskHqPairs(string name, Func<int, int, CelebAMaskHqCorpus> made) =>
        new(
            (count, resolution) => OfCelebAMaskHq(name, made(count, resolution), made: count),
            (count, resolution, batch, seed, bad, cache) =>
                ImageToImageData.CachedTrainBatches(name, made(count, resolution), resolution, batch, seed, bad, cache)
        );

    // CelebAMask-HQ's layout (the real corpus, Shapes and Shapes-multimodal): its train/val/test id lists, 19 labels (the
    // embedded ones, all drawn by ShapesScene: its 5 classes).
    // An embedded corpus counts the pairs it was made with; a real one, the pairs its splits list.
    private static PairedCorpus OfCelebAMaskHq(string name, CelebAMaskHqCorpus corpus, int? made) =>
        new(
            name,
            corpus.Root,
            made ?? Enum.GetValues<CelebASplit>().Sum(split => corpus.Ids(split).Count),
            corpus.Ids(CelebASplit.Train).Count,
            made is null ? Palette.CelebAMaskHq.Count : ShapesClasses.All.Count,
            resolution => corpus.Ids(CelebASplit.Test).Select(id => (Func<PairedExample>)(() => corpus.Load(id, resolution))).ToList(),
            (resolution, batch, seed) => corpus.Batches(CelebASplit.Train, resolution, batch, seed)
        )
        {
            ClassNames = made is null ? Palette.CelebAMaskHq.ClassNames : ShapesClasses.All.Select(c => c.Name).ToList(),
        };

    // Cityscapes' layout (the real corpus and Shapes-streets): train and val frames, 19 train ids.
    private static PairedCorpus OfCityscapes(string name, CityscapesCorpus corpus, int? made) =>
        new(
            name,
            corpus.Root,
            made ?? corpus.Frames(CityscapesTrain).Count + corpus.Frames(CityscapesTest).Count,
            corpus.Frames(CityscapesTrain).Count,
            Palette.Cityscapes.Count,
            resolution =>
                corpus.Frames(CityscapesTest).Select(frame => (Func<PairedExample>)(() => corpus.Load(frame, resolution, resolution))).ToList(),
            (resolution, batch, seed) => corpus.Batches(CityscapesTrain, resolution, resolution, batch, seed)
        )
        {
            ClassNames = Palette.Cityscapes.ClassNames,
        };
}

using Dino.Repro.Data;
using Dino.Repro.Data.CelebA;
using Dino.Repro.Data.Corpora;
using Dino.Repro.Data.Grid;
using Dino.Repro.Data.Loading;
using Dino.Repro.Data.SoundVideo;
using Dino.Repro.Data.Synthetic.SoundMotion;
using Dino.Repro.Data.YouTubers;
using Dino.Repro.Evaluation.ImageToImage;
using Dino.Repro.Models;
using Dino.Repro.Models.AcGan;
using Dino.Repro.Models.BicycleGan;
using Dino.Repro.Models.Common;
using Dino.Repro.Models.Dino;
using Dino.Repro.Models.Pix2Pix;
using Dino.Repro.Models.ThesisDcgan;
using Dino.Repro.Models.ToyGan;
using Dino.Repro.Models.Wav2Pix;

namespace Dino.Repro.App;

/// <summary>The experiments the kit ships; a new one is one line here plus its folder.</summary>
public static class BuiltInExperiments
{
    /// <summary>The kit's experiments, each with its test evaluation where it declares one.</summary>
    public static ExperimentRegistry Registry { get; } = Register(new ExperimentRegistry());

    private static ExperimentRegistry Register(ExperimentRegistry registry) =>
        registry
            .Register(ToyGanExperiment.Definition)
            .Register(DinoExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(BidirectionalDinoExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(Pix2PixExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(BicycleGanExperiment.Definition(TrainingData).WithEvaluation(ImageToImageEvaluation.Instance))
            .Register(Models.GridRecogniser.GridRecogniserExperiment.Definition)
            .Register(AcGanExperiment.Definition(FaceBatches))
            .Register(AcGanEncoderExperiment.Definition(o => AcGanGeneratorRun.Load(o.GeneratorRun, Registry), FaceBatches, HeldOutFaces))
            .Register(Wav2PixExperiment.Definition(TalkingHeads))
            .Register(ThesisDcganExperiment.Definition(TalkingHeads))
            .Register(DinoSpeechExperiment.Definition(MouthClips))
            .Register(Models.CycleGanSpeech.CycleGanSpeechExperiment.Definition(MouthClips))
            .Register(Models.WaveGanSpeech.ConditionalWaveGanExperiment.Definition(MouthClips))
            .Register(
                Models.PerceptualGanSpeech.PerceptualGanExperiment.Definition(MouthClips, o =>
                    Evaluation.Speech.GridTranscriberFiles.Load(o.SpeechEncoder)
                )
            )
            .Register(Models.ListenAndMove.ListenAndMoveExperiment.Definition(SoundClips));

    // One clip of the sound-video corpus the options name, at the run's frame size, with the per-frame states recorded
    // beside it (sound-motion) for the perceptual stand-in.
    private static Models.ListenAndMove.SoundClipData SoundClips(Models.ListenAndMove.ListenAndMoveOptions o)
    {
        var folder = CorpusRegistry.SoundVideos(o.Corpus, o.CorpusSeconds);
        var path = SoundVideoCorpus.Find(folder, o.Clip);
        var clip = SoundVideoCorpus.Load(path, o.TrainingRead);
        try
        {
            var states = File.Exists(SoundMotionStates.PathOf(folder, o.Clip)) ? SoundMotionStates.Read(folder, o.Clip).Frames : null;
            return new Models.ListenAndMove.SoundClipData(new Models.ListenAndMove.SoundClipBatches(clip.Train, o.Seed), clip, states);
        }
        catch
        {
            clip.Dispose();
            throw;
        }
    }

    // The training speakers' clips of the GRID-layout corpus the options name (through the clip cache: decoded once), the
    // mouths kept as bytes; the experiment cuts each step's window and widens it.
    private static ShuffledBatches MouthClips(Models.Common.VideoSpeech.VideoSpeechOptions o)
    {
        var grid = CorpusRegistry.Get(o.Corpus).Grid ?? throw new ArgumentException($"corpus '{o.Corpus}' has no GRID layout");
        using var corpus = grid(o.SpokenGridSpeakers, o.SpokenGridUtterances);
        var clips = GridClipCache.Load(
            corpus,
            o.UnseenTestPhrases ? corpus.UtterancesWithoutTestPhrases(GridSplitName.Train) : corpus.Utterances(GridSplitName.Train),
            o.ClipOptions,
            new BadSamples(BadSamplePolicies.Parse(o.BadSamples))
        );
        try
        {
            return new ShuffledBatches(
                new Dictionary<string, Tensor>
                {
                    [DinoSpeechExperiment.MouthKey] = clips[DinoSpeechExperiment.MouthKey].alias(),
                    [DinoSpeechExperiment.AudioKey] = clips[DinoSpeechExperiment.AudioKey].alias(),
                },
                o.BatchSize,
                o.Seed
            );
        }
        finally
        {
            foreach (var tensor in clips.Values)
                tensor.Dispose();
        }
    }

    // A speech-to-face experiment's training pairs of the talking-head corpus its options name, in memory, each with a face of another
    // training speaker; the sample grid shows held-out utterances of training speakers (training pairs when there are none).
    private static TalkingHeadData TalkingHeads(TalkingHeadOptions o)
    {
        var corpus = CorpusRegistry.TalkingHeads(o.Corpus)(o.CorpusSize, o.ReaderOptions);
        using var scope = torch.NewDisposeScope();
        var train = corpus.LoadSplit(FacePairSplit.Train);
        var shuffled = new ShuffledBatches(
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = train.Faces,
                [TalkingHeadData.SpeechKey] = train.Speech,
                [TalkingHeadData.LabelKey] = train.Labels,
            },
            o.BatchSize,
            o.Seed
        );
        var batches = new MismatchedExamples(
            shuffled,
            train.Faces.alias(),
            train.Labels,
            TalkingHeadData.LabelKey,
            TalkingHeadData.WrongFaceKey,
            o.Seed
        );
        var held = corpus.Split(FacePairSplit.UnseenUtterances).Count > 0 ? FacePairSplit.UnseenUtterances : FacePairSplit.Train;
        using var samples = corpus.LoadSplit(held);
        // Every k-th pair, so the grid spans the identities instead of the first one's frames.
        var stride = Math.Max(1, (int)samples.Labels.size(0) / o.SampleCount);
        var picks = torch.arange(Scalars.Of(0), Scalars.Of(samples.Labels.size(0)), Scalars.Of(stride))[
            ..Math.Min(o.SampleCount, (int)samples.Labels.size(0))
        ];
        var grid = new Batch(
            (int)picks.size(0),
            new Dictionary<string, Tensor>
            {
                [TalkingHeadData.FaceKey] = samples.Faces.index_select(0, picks).DetachFromDisposeScope(),
                [TalkingHeadData.SpeechKey] = samples.Speech.index_select(0, picks).DetachFromDisposeScope(),
                [TalkingHeadData.LabelKey] = samples.Labels.index_select(0, picks).DetachFromDisposeScope(),
            }
        );
        return new TalkingHeadData(batches, corpus.Identities.Count, grid);
    }

    // The AC-GAN's class-balanced faces of the corpus its options name, at its resolution.
    internal static IBatchSource FaceBatches(AcGanOptions o) =>
        CorpusRegistry
            .Faces(o.Corpus)(o.FacesCount, o.Resolution)
            .BalancedBatches(CelebAGenderSplit.Train, o.Resolution, o.BatchSize, o.Seed, new BadSamples(BadSamplePolicies.Parse(o.BadSamples)));

    // A fixed, seeded draw of test faces (half of each class) that the encoders' reconstruction errors are measured on.
    private static Batch HeldOutFaces(AcGanOptions o)
    {
        var corpus = CorpusRegistry.Faces(o.Corpus)(o.FacesCount, o.Resolution);
        var count = corpus.Images(CelebAGenderSplit.Test).GroupBy(i => i.ClassId).Sum(g => Math.Min(g.Count(), HeldOutCount / 2));
        using var test = corpus.Batches(CelebAGenderSplit.Test, o.Resolution, count, o.Seed + 1, perClassLimit: HeldOutCount / 2);
        return test.Next();
    }

    private const int HeldOutCount = 64;

    // The image-to-image experiments all train on the same pairs: the corpus their options name, decoded once (cached).
    private static IBatchSource TrainingData(ImageToImageOptions o) =>
        ImageToImageData.Open(o.Corpus, o.Resolution, o.BatchSize, o.Seed, o.ShapesCount, new BadSamples(BadSamplePolicies.Parse(o.BadSamples)));
}

using Dino.Repro.Data.Loading;

namespace Dino.Repro.Models.Wav2Pix;

/// <summary>
/// What a Wav2Pix run trains on: batches of <see cref="Wav2PixExperiment.FaceKey"/>, <see cref="Wav2PixExperiment.SpeechKey"/>,
/// <see cref="Wav2PixExperiment.LabelKey"/> and <see cref="Wav2PixExperiment.WrongFaceKey"/>; the number of identities the
/// labels count (held-out speakers included, so the auxiliary classifier's outputs match an identity judge's); and a
/// fixed batch of faces and speech that the sample grids draw from (the experiment takes ownership of its tensors).
/// </summary>
public sealed record Wav2PixData(IBatchSource Train, int Identities, Batch Samples);

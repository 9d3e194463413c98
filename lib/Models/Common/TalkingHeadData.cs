using Dino.Repro.Data.Loading;

namespace Dino.Repro.Models.Common;

/// <summary>
/// What a speech-to-face run trains on: batches of <see cref="FaceKey"/>, <see cref="SpeechKey"/>, <see cref="LabelKey"/> and
/// <see cref="WrongFaceKey"/> (a real face of another training speaker); the number of identities the labels count
/// (held-out speakers included, so class heads match an identity judge's); and a fixed batch of faces, speech and labels
/// the sample grids draw from (the experiment takes ownership of its tensors).
/// </summary>
public sealed record TalkingHeadData(IBatchSource Train, int Identities, Batch Samples)
{
    public const string FaceKey = "face",
        SpeechKey = "speech",
        LabelKey = "label",
        WrongFaceKey = "wrong_face";
}

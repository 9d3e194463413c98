namespace Dino.Repro.Models.Common;

/// <summary>A trained speech-to-face (or name-to-face) model as its tables score it: faces drawn for given speakers and speech.</summary>
public interface ISpeechToFaceModel
{
    /// <summary>
    /// Faces [B, 3, S, S] in [−1, 1] for speakers [B] and their speech [B, samples], in eval mode; a model with a z draws
    /// it from <paramref name="noise"/>. Models conditioned on the name alone ignore the speech, speech-only ones the speakers.
    /// </summary>
    Tensor DrawFaces(Tensor speakers, Tensor speech, Generator noise);
}

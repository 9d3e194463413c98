using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// A player of bidirectional DINO (paper §3.1): a <see cref="DinoUNet"/> whose decoder is branched at layer L into a
/// critic head, a copy of the decoder's layers L… with identical initial weights (reference <c>--dual L</c>).
/// Generative stream (the translation) = encoder → decoder; critic stream = encoder → decoder layers [0, L) → head.
/// L = 3 branches right after the third decoder layer, the paper's best. state_dict "net.enc.*", "net.dec.*",
/// "head.dcl.L.*", ….
/// </summary>
public sealed class BidirectionalDinoUNet : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly DinoUNet net;
    private readonly DinoDecoder head;

    public BidirectionalDinoUNet(
        int image_size,
        long noise_size,
        int branch_layer,
        long channels = 3,
        NormKind norm = NormKind.Instance,
        long width = DinoEncoder.ReferenceWidth
    )
        : base(nameof(BidirectionalDinoUNet))
    {
        net = new DinoUNet(image_size, noise_size, channels, norm, width);
        head = new DinoDecoder(DinoUNet.CodeSize, noise_size, net.Encoder.Channels, channels, norm, first_layer: branch_layer, width: width);
        head.CopyFrom(net.Decoder);
        BranchLayer = branch_layer;
        RegisterComponents();
    }

    /// <summary>L: the first decoder layer of the critic head; layers [0, L) are the trunk both streams share.</summary>
    public int BranchLayer { get; }

    public long NoiseSize => net.NoiseSize;
    public DinoEncoder Encoder => net.Encoder;

    /// <summary>The generative decoder (trunk and generative layers).</summary>
    public DinoDecoder Decoder => net.Decoder;

    /// <summary>The critic head: layers L… of the decoder, trained only as a critic.</summary>
    public DinoDecoder CriticHead => head;

    /// <summary>The decoder layers [0, L) both streams share.</summary>
    public IEnumerable<Parameter> TrunkParameters => net.Decoder.LayerParameters(0, BranchLayer);

    /// <summary>The generative stream: image [B, C, S, S] and noise [B, noise_size] → translation [B, C, S, S].</summary>
    public override Tensor forward(Tensor image, Tensor? noise) => net.call(image, noise);

    /// <summary>The encoder half both streams share (<see cref="DinoUNet.Encode"/>); the caller disposes the result.</summary>
    public (Tensor latent, IReadOnlyList<Tensor> features) Encode(Tensor image, Tensor? noise) => net.Encode(image, noise);

    /// <summary>The critic stream: image and noise → the reconstruction the other player's energy is measured on.</summary>
    public Tensor Critic(Tensor image, Tensor? noise)
    {
        var (latent, features) = Encode(image, noise);
        try
        {
            using var trunk = net.Decoder.Run(latent, features, 0, BranchLayer);
            return head.Run(trunk, features, BranchLayer, head.LayerCount);
        }
        finally
        {
            latent.Dispose();
            foreach (var f in features)
                f.Dispose();
        }
    }
}

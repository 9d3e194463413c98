using System.Globalization;
using Dino.Repro.Models.Common;
using TorchSharp.Modules;

namespace Dino.Repro.Models.Dino;

/// <summary>
/// DINO's image decoder (reference <c>Decoder</c> with mirrored skips): [code, noise] as a 1×1 map → ConvTranspose
/// 4×4 to 4×4×(8·width; the reference's 512), norm, ReLU (layer 0); then one <see cref="SkipUpBlock"/> per encoder layer but the first, each
/// taking the encoder map of its size and ending with the channels of the next-larger encoder map; then a
/// <see cref="ResizeConv2d"/> to the image channels and Tanh. No biases. At 256² the fact sheet's 12 layers:
/// 24,258,240 weights with 32 noise channels, 23,996,096 without. state_dict "dcl.0.0.weight", "dcl.1.dcl1.weight", …
/// <para>
/// With <c>first_layer</c> L &gt; 0 only layers L… are built, under their full-decoder names: bidirectional DINO's
/// critic head, whose weights load from the primary decoder's state_dict (<see cref="CopyFrom"/>).
/// </para>
/// </summary>
public sealed class DinoDecoder : nn.Module<Tensor, IReadOnlyList<Tensor>, Tensor>
{
    private readonly ModuleDict<nn.Module> dcl = new();

    /// <param name="encoder_channels">The encoder's halving-layer channels, first to last (<see cref="DinoEncoder.Channels"/>).</param>
    /// <param name="first_layer">The first layer this decoder holds (0 = the whole decoder).</param>
    /// <param name="width">The encoder's width: layer 0 has 8·width channels.</param>
    public DinoDecoder(
        long code_size,
        long noise_size,
        IReadOnlyList<long> encoder_channels,
        long output_channels = 3,
        NormKind norm = NormKind.Instance,
        int first_layer = 0,
        long width = DinoEncoder.ReferenceWidth
    )
        : base(nameof(DinoDecoder))
    {
        InputChannels = code_size + noise_size;
        LayerCount = encoder_channels.Count + 1;
        ArgumentOutOfRangeException.ThrowIfNegative(first_layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(first_layer, LayerCount);
        FirstLayer = first_layer;
        InitialChannels = DinoEncoder.MaxWidthMultiple * width;
        AddLayer(0, () =>
            torch.nn.Sequential(
                ("0", torch.nn.ConvTranspose2d(InputChannels, InitialChannels, 4, stride: 1, padding: 0, bias: false)),
                ("1", NormLayer.Create(norm, InitialChannels)),
                ("2", torch.nn.ReLU())
            )
        );
        // Mirrored skips: block i joins the i-th deepest encoder map and ends with the (i+1)-th deepest one's channels.
        var mirrored = encoder_channels.Reverse().ToList();
        var channels = InitialChannels;
        for (var i = 1; i < mirrored.Count; i++)
        {
            var (inChannels, skipChannels, outChannels) = (channels, mirrored[i - 1], mirrored[i]);
            AddLayer(i, () => new SkipUpBlock(inChannels, skipChannels, outChannels, norm, bias: false));
            channels = outChannels;
        }
        var lastChannels = channels;
        AddLayer(LayerCount - 1, () => new ResizeConv2d(lastChannels, output_channels, 3, scale_factor: 2, bias: false));
        RegisterComponents();
    }

    /// <summary>Channels of layer 0's 4×4 map: 8·width (the reference's 512).</summary>
    public long InitialChannels { get; }

    /// <summary>Code plus noise channels the first layer takes.</summary>
    public long InputChannels { get; }

    /// <summary>Layers of the whole decoder (7 at 256²: index 0 = first ConvTranspose, last = final resize conv).</summary>
    public int LayerCount { get; }

    /// <summary>The first layer this decoder holds; 0 unless it is a critic head.</summary>
    public int FirstLayer { get; }

    /// <summary>The parameters of layers [from, to) — bidirectional DINO's optimisers split the decoder at the branch.</summary>
    public IEnumerable<Parameter> LayerParameters(int from, int to) => Enumerable.Range(from, to - from).SelectMany(i => Layer(i).parameters());

    /// <summary>latent [B, code+noise] and the encoder maps (first to last) → image [B, C, S, S] in (−1, 1).</summary>
    public override Tensor forward(Tensor latent, IReadOnlyList<Tensor> encoder_features) => Run(latent, encoder_features, 0, LayerCount);

    /// <summary>
    /// Layers [from, to) on <paramref name="x"/>: the latent [B, code+noise] when from is 0, else layer from−1's map.
    /// Through the last layer the result is the image (after Tanh), otherwise layer to−1's map. x is not disposed.
    /// </summary>
    public Tensor Run(Tensor x, IReadOnlyList<Tensor> encoder_features, int from, int to)
    {
        if (from < FirstLayer || to > LayerCount || from > to)
            throw new ArgumentOutOfRangeException(nameof(from), $"layers [{from}, {to}) are not all in this decoder's [{FirstLayer}, {LayerCount})");
        var h = from == 0 ? x.view(-1, InputChannels, 1, 1) : x.alias();
        for (var i = from; i < to; i++)
        {
            var next = i switch
            {
                0 => ((Sequential)Layer(0)).call(h), // 4×4×512
                _ when i == LayerCount - 1 => ((ResizeConv2d)Layer(i)).call(h), // image channels, pre-Tanh
                _ => ((SkipUpBlock)Layer(i)).call(h, encoder_features[encoder_features.Count - i]), // deepest skip first; E1's map is never one
            };
            h.Dispose();
            h = next;
        }
        if (to < LayerCount)
            return h;
        using (h)
            return h.tanh();
    }

    /// <summary>Copies this decoder's layers' weights from <paramref name="source"/>'s layers of the same index.</summary>
    public void CopyFrom(DinoDecoder source)
    {
        var theirs = source.state_dict();
        var mine = state_dict().Keys.ToDictionary(k => k, k => theirs[k]);
        this.LoadStateDict(mine);
    }

    private nn.Module Layer(int index) => dcl[index.ToString(CultureInfo.InvariantCulture)];

    private void AddLayer(int index, Func<nn.Module> create)
    {
        if (index >= FirstLayer)
            dcl.Add(index.ToString(CultureInfo.InvariantCulture), create());
    }
}

using TorchSharp.Modules;

namespace Dino.Repro.Models.Common.VideoSpeech;

/// <summary>
/// The Reverse network's frame decoder (DINO A.1.2): each frame's code — the audio GRU's state, the identity code and the
/// frame's noise — is spread by a transposed convolution to the identity encoder's last map size, then U-Net blocks each
/// concatenate the identity encoder's map of that size and upsample ×2 (4×4 transposed convolution, batch norm, ReLU),
/// the last to the frame's channels with Tanh.
/// </summary>
public sealed class FrameDecoder : nn.Module<Tensor, Tensor[], Tensor>
{
    private readonly ConvTranspose2d start;
    private readonly BatchNorm2d startNorm;
    private readonly ModuleList<Sequential> blocks;
    private readonly IReadOnlyList<int> mapChannels;
    private readonly int input;

    public FrameDecoder(VideoSpeechSizes sizes, IReadOnlyList<int> mapChannels, IReadOnlyList<int> sides)
        : base(nameof(FrameDecoder))
    {
        ArgumentNullException.ThrowIfNull(sizes);
        this.mapChannels = mapChannels ?? throw new ArgumentNullException(nameof(mapChannels));
        ArgumentNullException.ThrowIfNull(sides);
        input = sizes.ReverseHidden + sizes.IdentityCode + sizes.Noise;
        start = nn.ConvTranspose2d(input, mapChannels[^1], sides[^1], bias: false);
        startNorm = nn.BatchNorm2d(mapChannels[^1]);
        blocks = new ModuleList<Sequential>();
        for (var i = mapChannels.Count - 1; i >= 0; i--)
        {
            var output = i == 0 ? sizes.Channels : mapChannels[i - 1];
            var upsample = nn.ConvTranspose2d(2L * mapChannels[i], output, 4, stride: 2, padding: 1, bias: i == 0);
            blocks.append(i == 0 ? nn.Sequential(upsample, nn.Tanh()) : nn.Sequential(upsample, nn.BatchNorm2d(output), nn.ReLU()));
        }
        RegisterComponents();
    }

    /// <param name="codes">Each frame's code [N, hidden + identity code + noise].</param>
    /// <param name="maps">The identity encoder's maps, first block first, each with N rows (one per frame).</param>
    /// <returns>Frames [N, C, S, S] in [−1, 1].</returns>
    public override Tensor forward(Tensor codes, Tensor[] maps)
    {
        if (codes.dim() != 2 || codes.size(1) != input)
            throw new ArgumentException($"the frame decoder takes codes [N, {input}], got [{string.Join(", ", codes.shape)}]");
        if (maps.Length != mapChannels.Count)
            throw new ArgumentException($"the frame decoder takes {mapChannels.Count} skip maps, got {maps.Length}");
        using var scope = torch.NewDisposeScope();
        var x = startNorm.call(start.call(codes.unsqueeze(2).unsqueeze(3))).relu();
        for (var b = 0; b < blocks.Count; b++)
            x = blocks[b].call(torch.cat([x, maps[maps.Length - 1 - b]], 1));
        return x.MoveToOuterDisposeScope();
    }
}

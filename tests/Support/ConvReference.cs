namespace Dino.Repro.Tests.Support;

/// <summary>Plain-loop 2-d convolution and transposed convolution on NCHW arrays, to check libtorch against.</summary>
public static class ConvReference
{
    /// <summary>out[n,o,y,x] = b[o] + Σ in[n,c,y·s−p+i·d, x·s−p+j·d]·w[o,c−c0,i,j] over the input channels c of o's group.</summary>
    public static double[,,,] Conv2d(double[,,,] input, double[,,,] weight, double[]? bias, int stride, int padding, int dilation, int groups)
    {
        int n = input.GetLength(0),
            c = input.GetLength(1),
            h = input.GetLength(2),
            w = input.GetLength(3);
        int o = weight.GetLength(0),
            cg = weight.GetLength(1),
            kh = weight.GetLength(2),
            kw = weight.GetLength(3);
        int ho = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1,
            wo = (w + 2 * padding - dilation * (kw - 1) - 1) / stride + 1;
        int og = o / groups;
        var result = new double[n, o, ho, wo];
        for (var b = 0; b < n; b++)
        for (var oc = 0; oc < o; oc++)
        for (var y = 0; y < ho; y++)
        for (var x = 0; x < wo; x++)
        {
            var sum = bias?[oc] ?? 0;
            var c0 = oc / og * cg;
            for (var ic = 0; ic < cg; ic++)
            for (var i = 0; i < kh; i++)
            for (var j = 0; j < kw; j++)
            {
                int yy = y * stride - padding + i * dilation,
                    xx = x * stride - padding + j * dilation;
                if (yy >= 0 && yy < h && xx >= 0 && xx < w)
                    sum += input[b, c0 + ic, yy, xx] * weight[oc, ic, i, j];
            }
            result[b, oc, y, x] = sum;
        }
        return result;
    }

    /// <summary>Scatters every input pixel through the kernel: weight is [in, out/groups, kh, kw].</summary>
    public static double[,,,] ConvTranspose2d(
        double[,,,] input,
        double[,,,] weight,
        double[]? bias,
        int stride,
        int padding,
        int outputPadding,
        int dilation,
        int groups
    )
    {
        int n = input.GetLength(0),
            c = input.GetLength(1),
            h = input.GetLength(2),
            w = input.GetLength(3);
        int og = weight.GetLength(1),
            kh = weight.GetLength(2),
            kw = weight.GetLength(3);
        int cg = c / groups,
            o = og * groups;
        int ho = (h - 1) * stride - 2 * padding + dilation * (kh - 1) + outputPadding + 1;
        int wo = (w - 1) * stride - 2 * padding + dilation * (kw - 1) + outputPadding + 1;
        var result = new double[n, o, ho, wo];
        for (var b = 0; b < n; b++)
        {
            for (var oc = 0; oc < o; oc++)
            for (var y = 0; y < ho; y++)
            for (var x = 0; x < wo; x++)
                result[b, oc, y, x] = bias?[oc] ?? 0;
            for (var ic = 0; ic < c; ic++)
            for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            for (var oo = 0; oo < og; oo++)
            for (var i = 0; i < kh; i++)
            for (var j = 0; j < kw; j++)
            {
                int yy = y * stride - padding + i * dilation,
                    xx = x * stride - padding + j * dilation;
                if (yy >= 0 && yy < ho && xx >= 0 && xx < wo)
                    result[b, ic / cg * og + oo, yy, xx] += input[b, ic, y, x] * weight[ic, oo, i, j];
            }
        }
        return result;
    }

    public static double[,,,] Random(int a, int b, int c, int d, int seed)
    {
        var rng = new Random(seed);
        var result = new double[a, b, c, d];
        for (var i = 0; i < a; i++)
        for (var j = 0; j < b; j++)
        for (var k = 0; k < c; k++)
        for (var l = 0; l < d; l++)
            result[i, j, k, l] = Math.Round(rng.NextDouble() * 4 - 2, 2);
        return result;
    }

    public static double[] Flat(double[,,,] values) => values.Cast<double>().ToArray();

    public static long[] Shape(double[,,,] values) =>
        new long[] { values.GetLength(0), values.GetLength(1), values.GetLength(2), values.GetLength(3) };

    public static Tensor ToTensor(double[,,,] values) => torch.tensor(Flat(values), Shape(values));
}

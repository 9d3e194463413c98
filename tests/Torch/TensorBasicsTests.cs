namespace Dino.Repro.Tests.Torch;

public class TensorBasicsTests
{
    [Fact]
    public void Factories_give_requested_shape_dtype_and_values()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 2, 3 }, zeros(2, 3).shape);
        Assert.Equal(ScalarType.Float32, ones(4).dtype);
        Assert.Equal(new[] { 7.0, 7.0 }, full(new long[] { 2 }, Scalars.Of(7), float64).ToArray<double>());
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, arange(Scalars.Of(5)).ToArray<long>());
        Assert.Equal(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }, linspace(0, 1, 5, float64).ToArray<double>());
        Assert.Equal(new float[] { 1, 0, 0, 1 }, eye(2).ToArray<float>());
        Assert.Equal(ScalarType.Float64, zeros_like(ones(new long[] { 3 }, float64)).dtype);
        var r = randint(3, 7, new long[] { 1000 }).ToArray<long>();
        Assert.True(r.All(v => v >= 3 && v < 7) && r.Distinct().Count() == 4);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Byte)]
    [InlineData(ScalarType.Bool)]
    public void Every_dtype_round_trips_through_conversion(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var source = tensor(new double[] { 0, 1, 2, 3 });
        var converted = source.to(dtype);
        Assert.Equal(dtype, converted.dtype);
        var expected = dtype == ScalarType.Bool ? new[] { 0.0, 1, 1, 1 } : new[] { 0.0, 1, 2, 3 };
        Assert.Equal(expected, converted.to(float64).ToArray<double>());
    }

    [Fact]
    public void Arrays_are_copied_in_and_out()
    {
        using var scope = NewDisposeScope();
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var t = tensor(data, new long[] { 2, 3 });
        data[0] = 100; // the tensor holds a copy
        Assert.Equal(1f, t[0, 0].item<float>());
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, t.T.ToArray<float>()); // non-contiguous view copied in C order
        Assert.Throws<ArgumentException>(() => tensor(data, new long[] { 4, 2 }));
        Assert.Throws<InvalidOperationException>(() => t.ToArray<double>());
    }

    [Fact]
    public void Arithmetic_broadcasts_like_pytorch()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3 }, new long[] { 3, 1 });
        var b = tensor(new float[] { 10, 20 }, new long[] { 1, 2 });
        Assert.Equal(new float[] { 11, 21, 12, 22, 13, 23 }, (a + b).ToArray<float>());
        Assert.Equal(new float[] { -9, -19, -8, -18, -7, -17 }, (a - b).ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, (a * Scalars.Of(2)).ToArray<float>());
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, (a / Scalars.Of(2.0)).ToArray<float>());
        Assert.Equal(new float[] { 9, 8, 7 }, (Scalars.Of(10) - a).ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 9 }, a.pow(Scalars.Of(2)).ToArray<float>());
        Assert.Equal(new float[] { 2, 1, 2f / 3 }, (Scalars.Of(2.0) / a).ToArray<float>());
    }

    [Fact]
    public void Integer_scalars_keep_integer_dtype_and_double_scalars_promote()
    {
        using var scope = NewDisposeScope();
        var i = arange(Scalars.Of(3));
        Assert.Equal(ScalarType.Int64, (i + Scalars.Of(2)).dtype);
        Assert.Equal(ScalarType.Float32, (i + Scalars.Of(0.5)).dtype);
        Assert.Equal(ScalarType.Float32, (i / Scalars.Of(2)).dtype); // true division, as in PyTorch
        Assert.Equal(new long[] { 0, 2, 4 }, (i + i).ToArray<long>()); // integer tensors add with the default alpha
        Assert.Equal(new long[] { 0, 0, 0 }, (i - i).ToArray<long>());
        Assert.Equal(
            new double[] { 0, 1.5, 3 },
            arange(Scalars.Of(3)).to(float64).add(arange(Scalars.Of(3)).to(float64), Scalars.Of(0.5)).ToArray<double>()
        );
    }

    [Fact]
    public void Comparisons_where_and_clamp()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -2, -1, 0, 1, 2 });
        Assert.Equal(new[] { false, false, false, true, true }, (x > Scalars.Of(0)).ToArray<bool>());
        Assert.Equal(new float[] { 0, 0, 0, 1, 2 }, where(x > Scalars.Of(0), x, zeros_like(x)).ToArray<float>());
        Assert.Equal(new float[] { -1, -1, 0, 1, 1 }, x.clamp(Scalars.Of(-1), Scalars.Of(1)).ToArray<float>());
        Assert.Equal(new float[] { 0, 0, 0, 1, 2 }, x.clamp(min: Scalars.Of(0)).ToArray<float>());
        Assert.True(x.eq(x.clone()).all().item<bool>());
    }

    [Fact]
    public void Reductions_match_closed_forms()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Assert.Equal(21, x.sum().item<double>());
        // dim: named — a literal 0 would bind to TorchSharp's sum(ScalarType? type) overload (dtype Byte).
        Assert.Equal(new[] { 5.0, 7, 9 }, x.sum(dim: 0).ToArray<double>());
        Assert.Equal(new[] { 2.0, 5 }, x.mean(new long[] { 1 }).ToArray<double>());
        Assert.Equal(3.5, x.var().item<double>(), 12); // unbiased: Σ(x-3.5)²/5
        // Over all dims as a list: TorchSharp 0.107's no-dim var(unbiased: false) ignores the flag (returns 3.5).
        Assert.Equal(17.5 / 6, x.var(new long[] { 0, 1 }, unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(17.5 / 6), x.std(unbiased: false).item<double>(), 12);
        Assert.Equal(Math.Sqrt(3.5), x.std().item<double>(), 12);
        Assert.Equal(6, x.max().item<double>());
        var (values, indices) = x.max(1);
        Assert.Equal(new[] { 3.0, 6 }, values.ToArray<double>());
        Assert.Equal(new long[] { 2, 2 }, indices.ToArray<long>());
        Assert.Equal(5, x.argmax().item<long>());
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), x.logsumexp(1).ToArray<double>()[0], 12);
        Assert.Equal(Math.Sqrt(91), x.norm().item<double>(), 12);
        Assert.Equal(21, x.norm(p: 1).item<double>(), 12); // named: TorchSharp's norm(int) takes a dim, not p
    }

    [Fact]
    public void Shape_operations()
    {
        using var scope = NewDisposeScope();
        var x = arange(Scalars.Of(24)).view(2, 3, 4);
        Assert.Equal(new long[] { 4, 3, 2 }, x.permute(2, 1, 0).shape);
        Assert.Equal(new long[] { 2, 12 }, x.flatten(1).shape);
        Assert.Equal(new long[] { 6, 4 }, x.reshape(-1, 4).shape);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, x.unsqueeze(0).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, x.unsqueeze(0).squeeze(0).shape);
        Assert.Equal(new long[] { 2, 6, 4 }, cat(new[] { x, x }, 1).shape);
        Assert.Equal(new long[] { 2, 2, 3, 4 }, stack(new[] { x, x }).shape);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, x.unsqueeze(-1).expand(2, 3, 4, 5).shape);
        Assert.Equal(new long[] { 4, 3, 8 }, x.repeat(2, 1, 2).shape);
        var parts = x.split(3, 2);
        Assert.Equal(2, parts.Length);
        Assert.Equal(new long[] { 2, 3, 1 }, parts[1].shape);
        Assert.Equal(3, x.chunk(3, 1).Length);
        Assert.Equal(new long[] { 1, 2 }, x.narrow(2, 1, 2)[0, 0].ToArray<long>());
        Assert.Equal(new long[] { 3, 2, 1, 0 }, arange(Scalars.Of(4)).flip(0).ToArray<long>());
        Assert.Equal(new long[] { 3, 0, 1, 2 }, arange(Scalars.Of(4)).roll(1, 0).ToArray<long>());
        var idx = tensor(new long[] { 2, 0 });
        Assert.Equal(new long[] { 2, 0 }, arange(Scalars.Of(4)).index_select(0, idx).ToArray<long>());
        Assert.Equal(new long[] { 20, 10 }, (arange(Scalars.Of(4)) * Scalars.Of(10)).gather(0, tensor(new long[] { 2, 1 })).ToArray<long>());
        var scattered = zeros(new long[] { 4 }, int64).scatter(0, tensor(new long[] { 1, 3 }), tensor(new long[] { 5, 7 }));
        Assert.Equal(new long[] { 0, 5, 0, 7 }, scattered.ToArray<long>());
        Assert.Equal(
            new long[] { 0, -1, 2, -1 },
            arange(Scalars.Of(4)).masked_fill(tensor(new[] { false, true, false, true }), Scalars.Of(-1L)).ToArray<long>()
        );
    }

    [Theory]
    [InlineData(PaddingModes.Constant, new double[] { 0, 0, 1, 2, 3, 0 })]
    [InlineData(PaddingModes.Reflect, new double[] { 3, 2, 1, 2, 3, 2 })]
    [InlineData(PaddingModes.Replicate, new double[] { 1, 1, 1, 2, 3, 3 })]
    public void Pad_modes_match_pytorch(PaddingModes mode, double[] expected)
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2, 3 }, new long[] { 1, 1, 3 });
        Assert.Equal(expected, nn.functional.pad(x, new long[] { 2, 1 }, mode).ToArray<double>());
    }

    [Fact]
    public void Slicing_follows_python_semantics()
    {
        using var scope = NewDisposeScope();
        var x = arange(Scalars.Of(12)).view(3, 4);
        Assert.Equal(new long[] { 4, 5, 6, 7 }, x[1].ToArray<long>());
        Assert.Equal(new long[] { 3, 7, 11 }, x[.., ^1].ToArray<long>());
        Assert.Equal(new long[] { 5, 6 }, x[1, 1..3].ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 8, 10 }, x[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(0, 4, 2)].ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 4 }, x[TensorIndex.None].shape);
        Assert.Equal(new long[] { 3 }, x[TensorIndex.Ellipsis, 0].shape);
        Assert.Equal(new long[] { 8, 9, 10, 11 }, x[x > Scalars.Of(7)].ToArray<long>());
        x[0, ..] = zeros(new long[] { 4 }, int64);
        x.index_put_(Scalars.Of(-1), TensorIndex.Ellipsis, 3);
        Assert.Equal(new long[] { 0, 0, 0, -1, 4, 5, 6, -1, 8, 9, 10, -1 }, x.ToArray<long>());
    }

    [Fact]
    public void Views_share_storage()
    {
        using var scope = NewDisposeScope();
        var x = zeros(4);
        var v = x[1..3];
        v.fill_(Scalars.Of(5));
        Assert.Equal(new float[] { 0, 5, 5, 0 }, x.ToArray<float>());
        // A clone owns its storage: writing to it leaves the original alone.
        x.clone().fill_(Scalars.Of(9));
        Assert.Equal(new float[] { 0, 5, 5, 0 }, x.ToArray<float>());
        // The view starts one element into the base's storage.
        Assert.Equal(1, v.storage_offset());
        Assert.Equal(x.storage<float>().data_ptr(), v.storage<float>().data_ptr());
        Assert.NotEqual(x.storage<float>().data_ptr(), x.clone().storage<float>().data_ptr());
    }
}

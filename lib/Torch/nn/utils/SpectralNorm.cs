using System.Runtime.CompilerServices;
using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class utils
        {
            /// <summary>
            /// PyTorch's torch.nn.utils.spectral_norm: replaces parameter <paramref name="name"/> by weight_orig / σ, σ the
            /// largest singular value of weight_orig (reshaped to a matrix with <paramref name="dim"/> first), estimated by
            /// power iteration on the buffers name_u and name_v. The iteration runs before each forward in training mode.
            /// </summary>
            public static T spectral_norm<T>(T module, string name = "weight", int n_power_iterations = 1, double eps = 1e-12, long dim = 0)
                where T : Module
            {
                SpectralNorm.Apply(module, name, n_power_iterations, eps, dim);
                return module;
            }

            /// <summary>Undoes <see cref="spectral_norm"/>: name becomes a plain parameter again, holding weight_orig / σ.</summary>
            public static T remove_spectral_norm<T>(T module, string name = "weight") where T : Module
            {
                SpectralNorm.Remove(module, name);
                return module;
            }
        }
    }
}

/// <summary>
/// The state and forward pre-hook of one spectrally normalised parameter. libtorch has none, so this follows
/// torch/nn/utils/spectral_norm.py step for step. The layer keeps reading its own weight object: the hook
/// points that object at the freshly computed weight_orig / σ (PyTorch's setattr), so no layer code changes.
/// </summary>
internal sealed class SpectralNorm
{
    private static readonly ConditionalWeakTable<Module, Dictionary<string, SpectralNorm>> Applied = new();

    private readonly string name;
    private readonly int n_power_iterations;
    private readonly double eps;
    private readonly long dim;
    private readonly Parameter weight;  // the layer's own object, now holding a computed (non-leaf) tensor
    private IDisposable? hook;

    private SpectralNorm(string name, int n_power_iterations, double eps, long dim, Parameter weight)
    {
        this.name = name;
        this.n_power_iterations = n_power_iterations;
        this.eps = eps;
        this.dim = dim;
        this.weight = weight;
    }

    internal static void Apply(Module module, string name, int n_power_iterations, double eps, long dim)
    {
        if (n_power_iterations < 0)
            throw new ArgumentOutOfRangeException(nameof(n_power_iterations), n_power_iterations, "spectral_norm: n_power_iterations must be non-negative");
        var registry = Applied.GetOrCreateValue(module);
        if (registry.ContainsKey(name))
            throw new InvalidOperationException($"Cannot register two spectral_norm hooks on the same parameter {name}");
        var weight = module.get_parameter(name)
            ?? throw new ArgumentException($"spectral_norm: {module.name} has no parameter '{name}'", nameof(name));
        if (dim < 0) dim += weight.dim();

        using var scope = torch.NewDisposeScope();
        var fn = new SpectralNorm(name, n_power_iterations, eps, dim, weight);
        // weight_orig takes over the storage under a new Parameter; the layer's object becomes its detached alias.
        var orig = new Parameter(weight, weight.requires_grad);
        Tensor u, v;
        using (torch.no_grad())
        {
            var matrix = fn.ToMatrix(orig);
            u = Normalize(torch.empty(new[] { matrix.size(0) }, orig.dtype, orig.device).normal_(), eps);
            v = Normalize(torch.empty(new[] { matrix.size(1) }, orig.dtype, orig.device).normal_(), eps);
        }
        module.RemoveParameter(name);
        module.ReplaceParameter(name + "_orig", orig);
        module.register_buffer(name + "_u", u);
        module.register_buffer(name + "_v", v);
        weight.ReplaceHandle(orig.detach().StealHandle());
        module.OwnTensor(weight);
        fn.hook = module.register_forward_pre_hook(m => fn.Recompute(m, do_power_iteration: m.training));
        registry[name] = fn;
    }

    internal static void Remove(Module module, string name)
    {
        if (!Applied.TryGetValue(module, out var registry) || !registry.Remove(name, out var fn))
            throw new ArgumentException($"spectral_norm of '{name}' not found in {module.name}", nameof(name));
        fn.hook!.Dispose();
        using var scope = torch.NewDisposeScope();
        Tensor normalized;
        using (torch.no_grad()) normalized = fn.Compute(module, do_power_iteration: false);
        var orig = module.get_parameter(name + "_orig")!;
        var u = module.get_buffer(name + "_u");
        var v = module.get_buffer(name + "_v");
        module.RemoveParameter(name + "_orig");
        module.register_buffer(name + "_u", null);
        module.register_buffer(name + "_v", null);
        orig.Dispose();
        u?.Dispose();
        v?.Dispose();
        // The layer's object becomes a leaf parameter again, holding the normalised values.
        fn.weight.ReplaceHandle(normalized.detach().StealHandle());
        fn.weight.requires_grad = true;
        module.ReplaceParameter(name, fn.weight);
    }

    /// <summary>The forward pre-hook: points the layer's weight object at weight_orig / σ.</summary>
    private void Recompute(Module module, bool do_power_iteration)
    {
        using var scope = torch.NewDisposeScope();
        var computed = Compute(module, do_power_iteration);
        weight.ReplaceHandle(computed.StealHandle());
    }

    /// <summary>weight_orig / σ with σ = uᵀ W v, differentiable in weight_orig; u, v first refined in place when asked.</summary>
    internal Tensor Compute(Module module, bool do_power_iteration)
    {
        var orig = module.get_parameter(name + "_orig")!;
        var u = module.get_buffer(name + "_u")!;
        var v = module.get_buffer(name + "_v")!;
        var matrix = ToMatrix(orig);
        if (do_power_iteration && n_power_iterations > 0)
        {
            using (torch.no_grad())
            {
                for (var i = 0; i < n_power_iterations; i++)
                {
                    v.copy_(Normalize(matrix.t().matmul(u), eps));
                    u.copy_(Normalize(matrix.matmul(v), eps));
                }
            }
            // Clones keep this step's graph valid when the next forward updates u and v in place again.
            u = u.clone();
            v = v.clone();
        }
        return Normalized(orig, u, v, dim);
    }

    /// <summary>weight / (uᵀ W v), W the weight as a matrix with <paramref name="dim"/> first.</summary>
    internal static Tensor Normalized(Tensor weight, Tensor u, Tensor v, long dim)
    {
        var sigma = u.dot(Matrix(weight, dim).matmul(v));
        return weight / sigma;
    }

    private Tensor ToMatrix(Tensor w) => Matrix(w, dim);

    private static Tensor Matrix(Tensor w, long dim)
    {
        var moved = w;
        if (dim != 0)
        {
            var order = new List<long> { dim };
            for (long d = 0; d < w.dim(); d++)
            {
                if (d != dim) order.Add(d);
            }
            moved = w.permute(order.ToArray());
        }
        return moved.reshape(moved.size(0), -1);
    }

    /// <summary>F.normalize for a vector: x / max(‖x‖, eps).</summary>
    private static Tensor Normalize(Tensor x, double eps) => x / x.norm().clamp(min: eps);
}

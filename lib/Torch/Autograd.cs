using Dino.Repro.Torch.Native;

namespace Dino.Repro.Torch;

public static partial class torch
{
    /// <summary>torch.autograd: backward passes and gradients of outputs with respect to chosen inputs.</summary>
    public static class autograd
    {
        /// <summary>Accumulates d(outputs)/d(leaves) into the leaves' <c>.grad</c>.</summary>
        public static unsafe void backward(IReadOnlyList<Tensor> tensors, IReadOnlyList<Tensor>? grad_tensors = null,
            bool? retain_graph = null, bool create_graph = false)
        {
            var outs = Handles(tensors);
            var grads = grad_tensors is null ? Array.Empty<IntPtr>() : Handles(grad_tensors);
            if (grads.Length != 0 && grads.Length != outs.Length)
                throw new ArgumentException($"backward got {outs.Length} tensors but {grads.Length} gradients", nameof(grad_tensors));
            fixed (IntPtr* o = outs)
            fixed (IntPtr* g = grads)
                NativeError.Check(LibTorch.dn_backward(o, outs.Length, g, grads.Length, RetainFlag(retain_graph), create_graph ? 1 : 0));
        }

        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, as
        /// <c>torch.autograd.grad</c>. With <paramref name="create_graph"/> the result is itself differentiable
        /// (WGAN-GP's gradient penalty). Unused inputs give null when <paramref name="allow_unused"/> is set.
        /// </summary>
        public static unsafe Tensor?[] grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor>? grad_outputs = null, bool? retain_graph = null, bool create_graph = false, bool allow_unused = false)
        {
            var outs = Handles(outputs);
            var ins = Handles(inputs);
            var grads = grad_outputs is null ? Array.Empty<IntPtr>() : Handles(grad_outputs);
            if (grads.Length != 0 && grads.Length != outs.Length)
                throw new ArgumentException($"grad got {outs.Length} outputs but {grads.Length} grad_outputs", nameof(grad_outputs));
            int count;
            IntPtr* result;
            fixed (IntPtr* o = outs)
            fixed (IntPtr* i = ins)
            fixed (IntPtr* g = grads)
                result = LibTorch.dn_autograd_grad(o, outs.Length, i, ins.Length, g, grads.Length,
                    RetainFlag(retain_graph ?? create_graph), create_graph ? 1 : 0, allow_unused ? 1 : 0, &count);
            if (result == null) throw NativeError.Exception();
            var tensors = new Tensor?[count];
            for (var k = 0; k < count; k++) tensors[k] = result[k] == IntPtr.Zero ? null : new Tensor(result[k]);
            LibTorch.dn_free_handles(result);
            return tensors;
        }

        private static int RetainFlag(bool? retain) => retain is null ? -1 : retain.Value ? 1 : 0;

        internal static IntPtr[] Handles(IReadOnlyList<Tensor> tensors)
        {
            var handles = new IntPtr[tensors.Count];
            for (var k = 0; k < handles.Length; k++) handles[k] = tensors[k].Handle;
            return handles;
        }
    }
}

namespace Dino.Repro.Torch;

public static partial class torch
{
    /// <summary>
    /// torch.nn: layer factories (<c>nn.Conv2d(3, 64, 4)</c>) returning modules from
    /// <see cref="Dino.Repro.Torch.Modules"/>, plus <c>nn.functional</c> and <c>nn.init</c>.
    /// </summary>
    public static partial class nn
    {
        public static Modules.Sequential Sequential(params Modules.Module<Tensor, Tensor>[] modules) => new(modules);
        public static Modules.Sequential Sequential(params (string name, Modules.Module<Tensor, Tensor> module)[] modules) => new(modules);
        public static Modules.ModuleList<T> ModuleList<T>(params T[] modules) where T : Modules.Module => new(modules);
        public static Modules.ModuleDict<T> ModuleDict<T>(params (string name, T module)[] modules) where T : Modules.Module => new(modules);
    }
}

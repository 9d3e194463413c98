namespace Dino.Repro.Torch;

/// <summary>An error raised inside libtorch (or the native shim), carrying libtorch's own message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }
    public TorchException(string message, Exception inner) : base(message, inner) { }
    public TorchException() : base("libtorch reported an error") { }
}

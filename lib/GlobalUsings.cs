// The tensor engine is TorchSharp: torch.*, Tensor, nn, optim as in its own samples.
global using Dino.Repro.Torch;
global using Dino.Repro.Torch.Serialization;
global using TorchSharp;
global using static TorchSharp.torch;

using Dino.Repro.Torch.Optim;
using Dino.Repro.Torch.Optim.LRSchedulers;

namespace Dino.Repro.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>torch.optim.lr_scheduler: scheduler factories with PyTorch's names and defaults.</summary>
        public static class lr_scheduler
        {
            public static LambdaLR LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda, int last_epoch = -1) => new(optimizer, lr_lambda, last_epoch);

            public static LambdaLR LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lr_lambdas, int last_epoch = -1) =>
                new(optimizer, lr_lambdas, last_epoch);

            public static StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) =>
                new(optimizer, step_size, gamma, last_epoch);

            public static MultiStepLR MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, int last_epoch = -1) =>
                new(optimizer, milestones, gamma, last_epoch);

            public static LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5,
                int last_epoch = -1) => new(optimizer, start_factor, end_factor, total_iters, last_epoch);

            /// <summary>pix2pix's linear policy: constant for n_epochs, then linear decay over n_epochs_decay.</summary>
            public static LinearDecayLR LinearDecayLR(Optimizer optimizer, int n_epochs, int n_epochs_decay, int epoch_count = 1, int last_epoch = -1) =>
                new(optimizer, n_epochs, n_epochs_decay, epoch_count, last_epoch);
        }
    }
}

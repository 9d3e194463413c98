using Dino.Repro.Torch.Modules;

namespace Dino.Repro.Torch;

public static partial class torch
{
    // Factories of the sequence layers and the losses, as torch.nn spells them.
    public static partial class nn
    {
        public static Embedding Embedding(long num_embeddings, long embedding_dim, long? padding_idx = null, bool scale_grad_by_freq = false,
            Tensor? _weight = null) => new(num_embeddings, embedding_dim, padding_idx, scale_grad_by_freq, _weight);

        public static GRU GRU(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
            double dropout = 0, bool bidirectional = false) => new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);

        public static LSTM LSTM(long input_size, long hidden_size, long num_layers = 1, bool bias = true, bool batch_first = false,
            double dropout = 0, bool bidirectional = false) => new(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional);

        public static GRUCell GRUCell(long input_size, long hidden_size, bool bias = true) => new(input_size, hidden_size, bias);
        public static LSTMCell LSTMCell(long input_size, long hidden_size, bool bias = true) => new(input_size, hidden_size, bias);

        public static L1Loss L1Loss(string reduction = "mean") => new(reduction);
        public static MSELoss MSELoss(string reduction = "mean") => new(reduction);
        public static SmoothL1Loss SmoothL1Loss(string reduction = "mean", double beta = 1.0) => new(reduction, beta);
        public static BCELoss BCELoss(Tensor? weight = null, string reduction = "mean") => new(weight, reduction);
        public static BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, string reduction = "mean", Tensor? pos_weight = null) =>
            new(weight, reduction, pos_weight);
        public static CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean",
            double label_smoothing = 0.0) => new(weight, ignore_index, reduction, label_smoothing);
        public static NLLLoss NLLLoss(Tensor? weight = null, long ignore_index = -100, string reduction = "mean") => new(weight, ignore_index, reduction);
        public static KLDivLoss KLDivLoss(string reduction = "mean", bool log_target = false) => new(reduction, log_target);
        public static CTCLoss CTCLoss(long blank = 0, string reduction = "mean", bool zero_infinity = false) => new(blank, reduction, zero_infinity);
    }
}

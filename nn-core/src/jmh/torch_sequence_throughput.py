"""Peer anchor for the sequence models: PyTorch CPU training and scoring throughput of the TextCNN of
nn-core's textcnn-sst2.yaml and of a GRU text classifier, the architectures of TextCnnBenchmark and GruBenchmark
(nn-core/src/jmh). One thread, float32. A copy of ../shared/peers/torch_throughput.py (same bench() and output
lines), extended with these models; its reference models S, R, D are run_side_by_side.sh's business.
Usage: /usr/bin/python3 torch_sequence_throughput.py [seconds_per_case] [models: textcnn,gru]"""
import os
os.environ.setdefault("OPENBLAS_NUM_THREADS","1"); os.environ.setdefault("OMP_NUM_THREADS","1")
import sys, time, torch, torch.nn as nn
torch.set_num_threads(1); torch.manual_seed(0)
SECS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
MODELS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["textcnn", "gru"]
BATCHES = (1, 32, 256)

def bench(name, step, batch):
    for _ in range(5): step()
    n = 0; t0 = time.perf_counter()
    while time.perf_counter() - t0 < SECS:
        step(); n += 1
    dt = time.perf_counter() - t0
    print(f"{name}\tbatch={batch}\t{n*batch/dt:,.0f} examples/s\t{dt/n*1e3:.3f} ms/step", flush=True)

def tokens(batch, buckets, length):
    """Full sequences of uniform ids, as SequenceBatches.tokens: no padding, so no masks on either side."""
    return torch.randint(0, buckets, (batch, length)), torch.randint(0, 2, (batch,)).float()

def train_and_score(label, m, buckets, length):
    # AdaGrad lr 0.05 as the nn-core spec; the table's gradient is sparse (rows looked up), like nn-core's
    opt = torch.optim.Adagrad(m.parameters(), lr=0.05); lossf = nn.BCEWithLogitsLoss()
    for B in BATCHES:
        ids, y = tokens(B, buckets, length)
        def step():
            opt.zero_grad(); l = lossf(m(ids), y); l.backward(); opt.step()
        bench(f"{label}(train)", step, B)
        with torch.no_grad():
            bench(f"{label}(score)", lambda: torch.sigmoid(m(ids)), B)

# TextCNN (textcnn-sst2.yaml): 50 hashed tokens of 2^20 buckets -> Embedding 128 -> Conv1d widths 1,2,3,4 x 100
# filters, max over time, ReLU -> Linear(400, 1), BCE with logits. (nn-core adds the bias after the max: the same.)
class TextCNN(nn.Module):
    def __init__(s, buckets=1 << 20, dim=128, filters=100, widths=(1, 2, 3, 4)):
        super().__init__(); s.emb = nn.Embedding(buckets, dim, sparse=True)
        s.convs = nn.ModuleList(nn.Conv1d(dim, filters, w) for w in widths)
        s.out = nn.Linear(filters * len(widths), 1)
    def forward(s, ids):
        x = s.emb(ids).transpose(1, 2)                       # [B, dim, time]
        h = torch.cat([c(x).amax(dim=2) for c in s.convs], 1)
        return s.out(torch.relu(h)).squeeze(1)

# GRU text classifier (GruBenchmark): 64 hashed tokens of 2^20 buckets -> Embedding 64 -> GRU 64 -> last state
# -> Linear(64, 1), BCE with logits.
class GRU(nn.Module):
    def __init__(s, buckets=1 << 20, dim=64, units=64):
        super().__init__(); s.emb = nn.Embedding(buckets, dim, sparse=True)
        s.gru = nn.GRU(dim, units, batch_first=True); s.out = nn.Linear(units, 1)
    def forward(s, ids):
        _, h = s.gru(s.emb(ids))
        return s.out(h[-1]).squeeze(1)

if "textcnn" in MODELS: train_and_score("TextCNN", TextCNN(), 1 << 20, 50)
if "gru" in MODELS: train_and_score("GRU", GRU(), 1 << 20, 64)

"""The table of run-sequence-side-by-side.sh: per (model, train/score, batch), the median examples/s of each side
over the rounds, the ratio StreamNet / PyTorch and issue 13's target (>= 1x at batch 32).
Usage: sequence_side_by_side_table.py OUT_DIR ROUNDS"""
import json, re, statistics, sys

out, rounds = sys.argv[1], int(sys.argv[2])
# JMH class -> the peer's model label
MODELS = {"TextCnnBenchmark": "TextCNN", "GruBenchmark": "GRU"}
TARGET_BATCH, TARGET = 32, 1.0

torch, ours = {}, {}
for r in range(1, rounds + 1):
    for line in open(f"{out}/torch-{r}.txt"):
        m = re.match(r"(\w+)\((train|score)\)\tbatch=(\d+)\t([\d,]+) examples/s", line)
        if m:
            torch.setdefault((m.group(1), m.group(2), int(m.group(3))), []).append(float(m.group(4).replace(",", "")))
    for res in json.load(open(f"{out}/jmh-{r}.json")):
        cls, method = res["benchmark"].rsplit(".", 2)[-2:]
        key = (MODELS[cls], method, int(res["params"]["batch"]))
        ours.setdefault(key, []).append(res["secondaryMetrics"]["examples"]["score"])

print(f"\nmedians over {rounds} round(s); examples/s, one thread")
print(f"{'case':24s} {'streamnet':>10s} {'pytorch':>10s} {'ratio':>7s} {'target':>7s}")
for key in sorted(ours, key=lambda k: (k[0] != "TextCNN", k[1] != "train", k[2])):
    model, method, batch = key
    s = statistics.median(ours[key])
    t = statistics.median(torch[key]) if key in torch else None
    ratio = s / t if t else None
    target = TARGET if batch == TARGET_BATCH else None
    verdict = "" if target is None or ratio is None else ("  ok" if ratio >= target else "  BELOW")
    print(f"{model + ' ' + method + ' batch=' + str(batch):24s} {s:10,.0f} {t if t else float('nan'):10,.0f} "
          f"{(f'{ratio:.2f}x' if ratio else '-'):>7s} {(f'{target:g}x' if target else ''):>7s}{verdict}")

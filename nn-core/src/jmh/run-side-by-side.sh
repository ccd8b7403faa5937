#!/usr/bin/env bash
# Side-by-side throughput of the reference models S, R, D: PyTorch (../shared/peers/torch_throughput.py) and
# StreamNet's JMH suite, one after the other, N rounds, one thread each; prints medians and ratios.
#
#   nn-core/src/jmh/run-side-by-side.sh [rounds=3] [torch seconds per case=5]
#
# Environment: PEER (path of torch_throughput.py, default ../shared/peers/torch_throughput.py from the repo root),
# PYTHON (default /usr/bin/python3), JMH_OPTS (extra JMH options, e.g. "-wi 2 -i 3 -r 1s" for a quick check),
# JMH_INCLUDE (benchmark regexp, default the model benchmarks), OUT (results directory, default
# nn-core/target/side-by-side). Run it on a quiet machine: other load changes both sides differently.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ROUNDS="${1:-3}"
TORCH_SECS="${2:-5}"
PEER="${PEER:-$ROOT/../shared/peers/torch_throughput.py}"
PYTHON="${PYTHON:-/usr/bin/python3}"
JMH_INCLUDE="${JMH_INCLUDE:-io.streamnet.nn.bench.Model}"
OUT="${OUT:-$ROOT/nn-core/target/side-by-side}"
JAR="$ROOT/nn-core/target/benchmarks.jar"

# One BLAS thread everywhere: the comparison is one core against one core.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
# Both sides use OpenBLAS at its best on this CPU (PyTorch links the same library): the core type from the CPU's
# flags when unset, and OPENBLAS_VERBOSE=2 makes each process print the core it runs ("Core: ..."), reported below.
source "$ROOT/ops/openblas-coretype.sh"
export_openblas_coretype run-side-by-side
export OPENBLAS_VERBOSE=2

[ -f "$PEER" ] || { echo "peer script not found: $PEER (set PEER=...)" >&2; exit 2; }
"$PYTHON" -c 'import torch' 2>/dev/null || { echo "$PYTHON cannot import torch (apt-get install -y python3-torch)" >&2; exit 2; }
# Debian's python3-torch runs on whichever libblas.so.3 is installed; the reference BLAS alone makes it 10-30x
# slower, which is not the peer at its best.
"$PYTHON" -c 'import torch; torch.ones(64, 64) @ torch.ones(64, 64)' 2>&1 | grep -q 'Core: ' \
  || { echo "PyTorch does not run on OpenBLAS here (apt-get install -y libopenblas0-pthread)" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  (cd "$ROOT" && mvn -q -B -Pjmh -pl nn-core -am package -DskipTests)
fi
mkdir -p "$OUT"
rm -f "$OUT"/torch-*.txt "$OUT"/jmh-*.json

for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r/$ROUNDS: torch ($TORCH_SECS s per case)" >&2
  "$PYTHON" "$PEER" "$TORCH_SECS" 2>&1 | tee "$OUT/torch-$r.txt" >&2
  echo "== round $r/$ROUNDS: JMH $JMH_INCLUDE ${JMH_OPTS:-}" >&2
  # shellcheck disable=SC2086
  java -jar "$JAR" "$JMH_INCLUDE" ${JMH_OPTS:-} -rf json -rff "$OUT/jmh-$r.json" >"$OUT/jmh-$r.log" 2>&1 \
    || { echo "JMH failed, see $OUT/jmh-$r.log" >&2; exit 1; }
done

# The OpenBLAS core each side ran (none for StreamNet when no benchmark loaded the native kernel).
core_of() { grep -ho 'Core: [A-Za-z0-9]*' "$@" 2>/dev/null | sort | uniq -c | sed 's/^ *//' | paste -sd, -; }
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; OpenBLAS core, pytorch: $(core_of "$OUT"/torch-*.txt)" \
  "; streamnet: $(core_of "$OUT"/jmh-*.log || true) (count of processes)"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PYTHON" - "$OUT" "$ROUNDS" <<'PY'
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
torch, ours = {}, {}
for r in range(1, rounds + 1):
    for line in open(f"{out}/torch-{r}.txt"):
        m = re.match(r"(\S+)\tbatch=(\d+)\t([\d,]+) examples/s", line)
        if m:
            torch.setdefault((m.group(1), int(m.group(2))), []).append(float(m.group(3).replace(",", "")))
    for res in json.load(open(f"{out}/jmh-{r}.json")):
        name = res["benchmark"].rsplit(".", 2)
        p = res.get("params", {})
        rate = res["secondaryMetrics"]["examples"]["score"]
        key = (name[-2].replace("Benchmark", ""), name[-1], p.get("optimizer", ""), p.get("blas", ""), int(p["batch"]))
        ours.setdefault(key, []).append(rate)

med = lambda xs: statistics.median(xs)
# (label, our key filter, torch case, target ratio or None)
rows = []
for (cls, method, opt, blas, b), xs in sorted(ours.items()):
    peer, target = None, None
    if cls == "ModelSTrain":
        peer = "S-sentiment(train,SGD)" if opt == "sgd" else "S-sentiment(train,SparseAdam+Adam)"
        target = 5.0 if b == 32 else None
    elif cls == "ModelSScore":
        peer = "S-sentiment(score)"
    elif cls == "ModelR" and method == "train":
        peer, target = "R-reco(train)", (2.0 if b == 256 else None)
    elif cls == "ModelD" and method == "train":
        peer, target = "D-dense(train)", (1.0 if b == 128 else None)
    label = f"{cls}.{method} batch={b}" + (f" {opt}" if opt else "") + (f" blas={blas}" if blas else "")
    t = torch.get((peer, b)) if peer else None
    rows.append((label, med(xs), med(t) if t else None, target, len(xs)))

print(f"\nmedians over {rounds} round(s); examples/s, one thread")
print(f"{'case':58s} {'streamnet':>12s} {'pytorch':>12s} {'ratio':>7s} {'target':>7s}")
for label, ours_m, torch_m, target, n in rows:
    ratio = ours_m / torch_m if torch_m else None
    verdict = "" if target is None or ratio is None else ("  ok" if ratio >= target else "  BELOW")
    print(f"{label:58s} {ours_m:12,.0f} {torch_m if torch_m else float('nan'):12,.0f} "
          f"{(f'{ratio:.2f}x' if ratio else '-'):>7s} {(f'{target:g}x' if target else ''):>7s}{verdict}")
g = torch.get(("GEMM1024", 1))
if g:
    print(f"\npytorch single-core SGEMM 1024^3: {2 * 1024**3 * med(g) / 1e9:.1f} GFLOP/s")
PY

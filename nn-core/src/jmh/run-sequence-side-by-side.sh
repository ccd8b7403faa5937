#!/usr/bin/env bash
# Side-by-side throughput of the sequence models (TextCNN, GRU): the PyTorch peer torch_sequence_throughput.py
# and the JMH benchmarks TextCnnBenchmark and GruBenchmark, one after the other in each of N rounds, one thread
# each; prints per case (model, train/score, batch) the medians, the ratio and issue 13's target (>= 1x at batch 32).
#
#   nn-core/src/jmh/run-sequence-side-by-side.sh [rounds=3] [torch seconds per case=2]
#
# Environment: PYTHON (default /usr/bin/python3), JMH_OPTS (JMH options, default "-wi 3 -w 1s -i 3 -r 1s"),
# JMH_INCLUDE (default the two benchmarks), OUT (default nn-core/target/sequence-side-by-side),
# OPENBLAS_CORETYPE (kept if set; otherwise SkylakeX on a CPU with AVX-512, Haswell with AVX2, so that the peer's
# OpenBLAS runs its best kernels: Debian's OpenBLAS 0.3.21 takes some of these CPUs for a Prescott).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
ROUNDS="${1:-3}"
TORCH_SECS="${2:-2}"
PEER="$HERE/torch_sequence_throughput.py"
PYTHON="${PYTHON:-/usr/bin/python3}"
JMH_INCLUDE="${JMH_INCLUDE:-io.streamnet.nn.bench.(TextCnn|Gru)Benchmark}"
JMH_OPTS="${JMH_OPTS:--wi 3 -w 1s -i 3 -r 1s}"
OUT="${OUT:-$ROOT/nn-core/target/sequence-side-by-side}"
JAR="$ROOT/nn-core/target/benchmarks.jar"

# One BLAS thread everywhere: the comparison is one core against one core.
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
# The peer's OpenBLAS at its best: the core type from the CPU's flags when unset (the shared rule of ./streamnet and .ci/run).
source "$ROOT/ops/openblas-coretype.sh"
export_openblas_coretype run-sequence-side-by-side
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}" >&2
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-); load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PYTHON" -c 'import torch' 2>/dev/null || { echo "$PYTHON cannot import torch (apt-get install -y python3-torch)" >&2; exit 2; }
PEER_CORE="$(OPENBLAS_VERBOSE=2 "$PYTHON" -c 'import torch; torch.ones(64, 64) @ torch.ones(64, 64)' 2>&1 | grep -m1 'Core: ' || true)"
[ -n "$PEER_CORE" ] || { echo "PyTorch does not run on OpenBLAS here (apt-get install -y libopenblas0-pthread)" >&2; exit 2; }
echo "peer OpenBLAS core: $PEER_CORE" >&2
[ -f "$JAR" ] || { echo "no $JAR: build it with mvn -B -Pjmh -pl nn-core -am package -DskipTests" >&2; exit 2; }
mkdir -p "$OUT"
rm -f "$OUT"/torch-*.txt "$OUT"/jmh-*.json "$OUT"/jmh-*.log

for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r/$ROUNDS: torch ($TORCH_SECS s per case), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  "$PYTHON" "$PEER" "$TORCH_SECS" | tee "$OUT/torch-$r.txt" >&2
  echo "== round $r/$ROUNDS: JMH $JMH_INCLUDE $JMH_OPTS, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # shellcheck disable=SC2086
  java -jar "$JAR" "$JMH_INCLUDE" $JMH_OPTS -rf json -rff "$OUT/jmh-$r.json" >"$OUT/jmh-$r.log" 2>&1 \
    || { echo "JMH failed, see $OUT/jmh-$r.log" >&2; exit 1; }
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PYTHON" "$HERE/sequence_side_by_side_table.py" "$OUT" "$ROUNDS"

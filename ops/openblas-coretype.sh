# Sourced, not run: sets OPENBLAS_CORETYPE from the CPU's flags when it is unset, before a process loads OpenBLAS.
# Debian's OpenBLAS 0.3.21 falls back to its Prescott (SSE3) kernels on a CPU model it does not know (e.g. a Xeon
# whose model name is hidden), 4x slower at SGEMM; the flags say which kernels the CPU can run.
# Used by ./streamnet, .ci/run (the test JVMs inherit it) and nn-core/src/jmh/run-side-by-side.sh (both sides).

# openblas_coretype_for_flags "FLAGS": SkylakeX with AVX-512 (f, bw, vl, dq), Haswell with AVX2 and FMA, else nothing.
openblas_coretype_for_flags() {
  local flags=" $1 "
  if [[ $flags == *" avx512f "* && $flags == *" avx512bw "* && $flags == *" avx512vl "* && $flags == *" avx512dq "* ]]; then
    echo SkylakeX
  elif [[ $flags == *" avx2 "* && $flags == *" fma "* ]]; then
    echo Haswell
  fi
}

# export_openblas_coretype WHO: exports the choice when OPENBLAS_CORETYPE is unset and logs it once to stderr.
export_openblas_coretype() {
  local who=$1 core
  [[ -z "${OPENBLAS_CORETYPE:-}" ]] || return 0
  [[ -r /proc/cpuinfo ]] || return 0
  core="$(openblas_coretype_for_flags "$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2)")"
  [[ -n "$core" ]] || return 0
  export OPENBLAS_CORETYPE="$core"
  echo "$who: OPENBLAS_CORETYPE=$core (unset; chosen from the CPU's flags so that OpenBLAS does not fall back to Prescott kernels)" >&2
}

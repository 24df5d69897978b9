#!/usr/bin/env bash
# Throughput and peak memory of `dateline timex` on a large news-like corpus.
#
#   scripts/bench_timex.sh [CORPUS_DIR] [RUNS]
#
# CORPUS_DIR defaults to /tmp/big; generate it once with
#   python3 ../shared/tools/make_corpus.py /tmp/big 30000
# Prints each run, then the median MB/s and CPU-seconds and the largest
# peak RSS.
set -euo pipefail

corpus="${1:-/tmp/big}"
runs="${2:-5}"
bin="${DATELINE:-target/release/dateline}"

if [[ ! -d "$corpus" ]]; then
    echo "no corpus at $corpus (python3 ../shared/tools/make_corpus.py $corpus 30000)" >&2
    exit 2
fi
if [[ ! -x "$bin" ]]; then
    cargo build --release
fi

bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
echo "corpus: $corpus ($mb MB), $runs runs, $(nproc) cores"

speeds=()
cpus=()
peak=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for i in $(seq 1 "$runs"); do
    /usr/bin/time -v "$bin" timex --dct 2025-01-01 "$corpus" >/dev/null 2>"$tmp"
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0
        for (k = 1; k <= n; k++) s = s * 60 + p[k]
        print s }' "$tmp")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tmp")
    speed=$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / 1e6 / s}')
    # MB per CPU-second: what one core does, less sensitive to other load.
    per_core=$(awk -v b="$bytes" -v c="$cpu" 'BEGIN {printf "%.1f", b / 1e6 / c}')
    echo "run $i: ${secs}s  ${speed} MB/s  (${cpu} CPU-s, ${per_core} MB/s per core)  peak RSS $((rss / 1024)) MB"
    speeds+=("$speed")
    cpus+=("$cpu")
    (( rss > peak )) && peak=$rss
done

median_of() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
median=$(printf '%s\n' "${speeds[@]}" | median_of)
# CPU-seconds move less than wall time when other work shares the machine.
median_cpu=$(printf '%s\n' "${cpus[@]}" | median_of)
echo "median: ${median} MB/s   ${median_cpu} CPU-s   peak RSS: $((peak / 1024)) MB"

#!/usr/bin/env bash
# Scale benchmark for `dateline build`: wall time (median of N runs), MB/s and
# peak memory on the ~100 MB corpus from ../shared/tools/make_corpus.py.
# usage: scripts/bench_build.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/big}
runs=${2:-3}
if [ ! -d "$corpus" ]; then
  python3 ../shared/tools/make_corpus.py "$corpus" 30000
fi
cargo build --release --quiet
bytes=$(du -sb "$corpus" | cut -f1)
out=$(mktemp -d)
walls=()
rss=()
for i in $(seq "$runs"); do
  /usr/bin/time -v target/release/dateline build --articles "$corpus" --out "$out" >"$out/stdout" 2>"$out/time"
  walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/time")")
  rss+=("$(awk -F': ' '/Maximum resident set size/{print $2}' "$out/time")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
wall=$(median "${walls[@]}")
peak=$(median "${rss[@]}")
echo "corpus: $corpus ($(find "$corpus" -type f | wc -l) files, $((bytes / 1000000)) MB)"
echo "summary: $(cat "$out/stdout")"
echo "wall seconds per run: ${walls[*]}"
awk -v b="$bytes" -v w="$wall" -v r="$peak" 'BEGIN{printf "median wall %.2f s, %.1f MB/s, peak RSS %.0f MB\n", w, b/1e6/w, r/1024}'
rm -rf "$out"

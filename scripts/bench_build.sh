#!/usr/bin/env bash
# The figures issue 12 is judged by, in one run on the ~100 MB corpus from
# ../shared/tools/make_corpus.py: build CPU seconds and wall (medians of N
# runs), ripgrep's CPU seconds over the same files for one case-insensitive
# alternation of event and date words (a floor for "read every byte once and
# look for words"), their ratio, peak RSS, an incremental build after adding
# one article as a fraction of a full build, and the size of each output.
#
# usage: scripts/bench_build.sh [CORPUS_DIR] [RUNS]
#   CORPUS_DIR  default /tmp/big30k (made with 30,000 articles when missing)
#   RUNS        default 3 (or $BENCH_RUNS); use 1 on a shared machine
#   BIN=path    time that binary instead of building target/release/dateline
#
# Every full build writes into a fresh --out folder, so it is a full build
# whether or not `build` keeps a cache; the incremental builds then reuse the
# last full build's --out (and its out/.cache, once `build` has one). Until
# then the "incremental" figure is simply what `build` does on one more article.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/big30k}
runs=${2:-${BENCH_RUNS:-3}}
shared=${DATELINE_SHARED:-../shared}
[ -d "$shared" ] || shared=/work/shared

# Forty-odd event and date words, one alternation; ripgrep counts the lines
# that contain one, case-insensitively.
words=(visit visited talks meeting met summit conference agreement signed
  treaty airstrike airstrikes strike attack attacked bombing blast killed
  clash clashes border crossing closed deported deportation ceasefire truce
  statement sanctions coup january february march april june july august
  september october november december monday tuesday wednesday thursday
  friday yesterday)
pattern=$(IFS='|'; echo "\\b(?:${words[*]})\\b")

. scripts/ensure_pkg.sh
ensure_pkg rg ripgrep

if [ ! -d "$corpus" ]; then
  python3 "$shared/tools/make_corpus.py" "$corpus" 30000
fi
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/dateline
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private copy: the incremental runs add articles to it.
cp -r "$corpus" "$tmp/articles"
files=$(find "$tmp/articles" -type f | wc -l)
bytes=$(du -sb "$tmp/articles" | cut -f1)

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
# Runs a command under /usr/bin/time; sets WALL, CPU (user+sys) and RSS (kB).
timed() {
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr" || {
    echo "failed: $*" >&2
    tail -5 "$tmp/stderr" >&2
    exit 1
  }
  read -r WALL user sys RSS <"$tmp/time"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
}

rg_cpu=()
for _ in $(seq "$runs"); do
  timed rg -i -c -e "$pattern" "$tmp/articles"
  rg_cpu+=("$CPU")
done

walls=() cpus=() rsss=()
for i in $(seq "$runs"); do
  out="$tmp/out$i"
  timed "$BIN" build --articles "$tmp/articles" --out "$out"
  walls+=("$WALL") cpus+=("$CPU") rsss+=("$RSS")
  summary=$(cat "$tmp/stdout")
  [ "$i" -eq 1 ] || rm -rf "$tmp/out$((i - 1))"
done
full_out="$tmp/out$runs"

# One new article each time: a seed under a name of its own, so its text is
# plausible news and its content is new to the cache.
seed=$(find seeds -type f \( -name '*.txt' -o -name '*.md' \) | sort | head -1)
inc_walls=() inc_cpus=() inc_rsss=()
for i in $(seq "$runs"); do
  { cat "$seed"; printf '\nAdded for the incremental benchmark, run %s.\n' "$i"; } \
    >"$tmp/articles/zz_bench_added_$i.txt"
  timed "$BIN" build --articles "$tmp/articles" --out "$full_out" --timings
  inc_walls+=("$WALL") inc_cpus+=("$CPU") inc_rsss+=("$RSS")
  inc_stages=$(grep -E '^ *[a-z]+ +[0-9.]+ s$' "$tmp/stderr" "$tmp/stdout" 2>/dev/null |
    sed 's/^[^:]*://' | awk '{printf "%s %s, ", $1, $2}')
done

wall=$(median "${walls[@]}")
cpu=$(median "${cpus[@]}")
rss=$(median "${rsss[@]}")
rgc=$(median "${rg_cpu[@]}")
iw=$(median "${inc_walls[@]}")
ic=$(median "${inc_cpus[@]}")
ir=$(median "${inc_rsss[@]}")

echo "corpus: $corpus ($files files, $((bytes / 1000000)) MB), $runs run(s) each, medians"
echo "binary: $BIN; summary: $summary"
echo "rg pattern: ${#words[@]} words, case-insensitive alternation"
awk -v w="$wall" -v c="$cpu" -v r="$rgc" -v m="$rss" -v b="$bytes" 'BEGIN{
  printf "build: %.2f CPU-s, %.2f s wall (%.1f MB/s), peak RSS %.0f MB\n", c, w, b/1e6/w, m/1024
  printf "ripgrep: %.2f CPU-s; ratio build/rg %.1f\n", r, (r > 0 ? c/r : 0)
}'
if [ -d "$full_out/.cache" ]; then cache="reusing $full_out/.cache"; else cache="no out/.cache: a full rebuild"; fi
awk -v w="$iw" -v c="$ic" -v fw="$wall" -v fc="$cpu" -v m="$ir" -v note="$cache" 'BEGIN{
  printf "incremental (+1 article): %.2f s wall, %.2f CPU-s = %.1f%% of full wall, %.1f%% of full CPU, peak RSS %.0f MB (%s)\n", w, c, 100*w/fw, 100*c/fc, m/1024, note
}'
echo "incremental stages (last run, CPU-s summed over threads): ${inc_stages%, }"
echo "per run: build wall ${walls[*]} | build CPU ${cpus[*]} | rg CPU ${rg_cpu[*]} | incremental wall ${inc_walls[*]}"
echo "output sizes:"
# The timeline files are links into the current generation folder.
find -L "$full_out" -maxdepth 1 -type f -printf '%s %f\n' | sort -k2 |
  awk '{printf "  %-16s %8.1f MB\n", $2, $1/1e6}'
if [ -d "$full_out/.cache" ]; then
  printf '  %-16s %8.1f MB\n' ".cache/" "$(du -sb "$full_out/.cache" | awk '{print $1/1e6}')"
fi

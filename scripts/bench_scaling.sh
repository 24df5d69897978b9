#!/usr/bin/env bash
# Time of `dateline build` on one article of 1, 10 and 100 MB, in two
# shapes: news sentences repeated, and one line of news words with no
# punctuation at all. Time should grow in proportion to size.
# Usage: scripts/bench_scaling.sh [SIZES_MB...]   (default: 1 10 100)
set -euo pipefail
cd "$(dirname "$0")/.."
# DATELINE_BIN: a binary to measure instead of building the release one.
if [[ -z "${DATELINE_BIN:-}" ]]; then cargo build --release --quiet; fi
bin=${DATELINE_BIN:-target/release/dateline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("${@:-1 10 100}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
gen() { # shape size_mb file
  python3 - "$1" "$2" "$3" <<'PY'
import sys, itertools
shape, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb << 20
with open(path, "w") as f:
    f.write("date 2025-04-20\n")
    if shape == "sentences":
        s = "Troops clashed near the border town on Monday. "
        f.write(s * (n // len(s)))
    else:
        words = ("officials said on Monday that the minister will visit Lima next week "
                 "after talks in April and 12 people were killed in an attack last year").split()
        out, size = [], 0
        for w in itertools.cycle(words):
            out.append(w); size += len(w) + 1
            if size >= n: break
        f.write(" ".join(out))
PY
}
printf '%-10s %6s %9s %9s %9s %9s\n' shape MB wall_s stages_s MB_per_s peak_MB
for shape in sentences line; do
  for mb in "${sizes[@]}"; do
    dir="$work/$shape-$mb"; mkdir -p "$dir"
    gen "$shape" "$mb" "$dir/article.txt"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build --articles "$dir" --out "$work/out" \
      --max-article-mb $((mb * 2 + 1)) --timings >/dev/null 2>"$work/stages"
    read -r wall rss <"$work/time"
    stages=$(awk '$2 ~ /^[0-9.]+$/ {s += $2} END {printf "%.2f", s}' "$work/stages")
    rate=$(awk -v m="$mb" -v s="$stages" 'BEGIN {printf "%.1f", (s > 0 ? m / s : 0)}')
    printf '%-10s %6s %9s %9s %9s %9s\n' "$shape" "$mb" "$wall" "$stages" "$rate" $((rss / 1024))
    rm -rf "$dir"
  done
done

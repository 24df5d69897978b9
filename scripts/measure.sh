#!/usr/bin/env bash
# Measures what a fresh clone can measure, with nothing beside it: the seeds'
# timeline against the committed out/ (what the golden test pins), the build
# time and memory on the seeds and on a larger corpus made of copies of them,
# and, only when the evaluation sets are found (../shared, or $DATELINE_SHARED),
# precision and recall against their gold events.
# usage: scripts/measure.sh [COPIES]   (default 500 copies of each seed)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-500}
cargo build --release --locked --quiet
bin=target/release/dateline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

timed() { # label, then the command; prints wall seconds and peak RSS
  local label=$1
  shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/stdout"
  read -r wall kb <"$tmp/time"
  printf '%-28s %6.2f s wall, peak RSS %5d MB  (%s)\n' "$label" "$wall" $((kb / 1024)) "$(cat "$tmp/stdout")"
}

timed "seeds" $bin build --out "$tmp/seeds"
for f in timeline.csv timeline.json; do
  if cmp -s "out/$f" "$tmp/seeds/$f"; then echo "out/$f: identical to a fresh build"; else echo "out/$f: DIFFERS from a fresh build"; fi
done

mkdir -p "$tmp/copies"
for i in $(seq "$copies"); do
  for f in seeds/*.txt seeds/*.md; do
    [ -f "$f" ] && cp "$f" "$tmp/copies/$(printf '%05d' "$i")_$(basename "$f")"
  done
done
echo "copies: $(find "$tmp/copies" -type f | wc -l) files, $(du -sm "$tmp/copies" | cut -f1) MB"
timed "$copies copies of the seeds" $bin build --articles "$tmp/copies" --out "$tmp/copies_out"

shared=${DATELINE_SHARED:-../shared}
if [ -f "$shared/tools/score_events.py" ]; then
  echo "seeds vs gold:"
  python3 "$shared/tools/score_events.py" "$shared/eval/seeds" "$tmp/seeds/timeline.json"
  $bin build --articles "$shared/eval/news-dev/articles" --out "$tmp/dev" >/dev/null
  echo "news-dev vs gold:"
  python3 "$shared/tools/score_events.py" "$shared/eval/news-dev/gold" "$tmp/dev/timeline.json"
else
  echo "(no evaluation sets at $shared: set DATELINE_SHARED to score against gold events)"
fi

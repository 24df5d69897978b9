#!/usr/bin/env bash
# Scores `dateline timex` on the TempEval-3 training sets (TimeBank, AQUAINT).
# usage: scripts/score_timex.sh [--errors N]   (extra flags go to the scorer)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for set in tbaq-timebank tbaq-aquaint; do
    dir="$shared/eval/timeml/$set"
    target/release/dateline timex --dct-csv "$dir/dct.csv" "$dir/docs" >"$tmp/$set.jsonl"
    python3 "$shared/tools/score_timex.py" "$dir" "mine=$tmp/$set.jsonl" --by-type "$@"
done

#!/usr/bin/env bash
# Scores the seeds and the news-dev articles against their gold events.
# usage: scripts/score.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
cargo build --release --quiet
tmp=$(mktemp -d)
target/release/dateline build --out "$tmp/seeds" >/dev/null
echo "seeds:"
python3 "$shared/tools/score_events.py" "$shared/eval/seeds" "$tmp/seeds/timeline.json" "$@"
target/release/dateline build --articles "$shared/eval/news-dev/articles" --out "$tmp/dev" >/dev/null
echo "news-dev:"
python3 "$shared/tools/score_events.py" "$shared/eval/news-dev/gold" "$tmp/dev/timeline.json" "$@"
rm -rf "$tmp"

#!/usr/bin/env bash
# Browser test of out/timeline.html: headless Chromium (Debian's package,
# installed if missing) loads the page built from seeds/, and the counts the
# page writes into the DOM are checked against the CSV: every row drawn, and
# a filter given in the URL's hash draws exactly the rows of that kind.
# usage: scripts/test_html.sh [--update-docs]   (also writes docs/timeline.png)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_pkg.sh
ensure_pkg chromium chromium

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --locked --quiet
target/debug/dateline build --out "$tmp/out" >/dev/null
page="file://$(cd "$tmp/out" && pwd)/timeline.html"

browse() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>/dev/null
}

# The kind with most rows, and how many rows the CSV has in all and of it.
read -r rows kind of_kind < <(python3 - "$tmp/out/timeline.csv" <<'PY'
import csv, sys, collections
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
kind, n = collections.Counter(r["event_type"] for r in rows).most_common(1)[0]
print(len(rows), kind, n)
PY
)

drawn() { # URL -> "drawn total" from <output id="count">
  browse --dump-dom "$1" | python3 -c '
import re, sys
dom = sys.stdin.read()
m = re.search(r"<output id=\"count\" data-drawn=\"(\d+)\" data-total=\"(\d+)\"", dom)
print(*(m.groups() if m else ("none", "none")))'
}

fail=0
check() { # name got want
  if [ "$2" = "$3" ]; then echo "ok   $1: $2"; else echo "FAIL $1: got $2, want $3"; fail=1; fi
}
read -r all total < <(drawn "$page")
check "events drawn = CSV rows" "$all" "$rows"
check "events embedded = CSV rows" "$total" "$rows"
read -r some _ < <(drawn "$page#kind=$kind")
check "drawn with #kind=$kind = its CSV rows" "$some" "$of_kind"
read -r pairs _ < <(drawn "$page#lanes=pair")
check "drawn with lanes per country pair = CSV rows" "$pairs" "$rows"
read -r none _ < <(drawn "$page#q=zzzunlikelyword")
check "drawn with a text filter matching nothing" "$none" "0"

browse --hide-scrollbars --window-size=1400,900 --screenshot="$tmp/timeline.png" \
  "$page#event=$(python3 -c '
import json, sys
ev = json.load(open(sys.argv[1]))["events"]
print(max(ev, key=lambda e: len(e["mentions"]))["id"])' "$tmp/out/timeline.json")" >/dev/null
size=$(stat -c %s "$tmp/timeline.png" 2>/dev/null || echo 0)
[ "$size" -gt 10000 ] && echo "ok   screenshot: $size bytes" || { echo "FAIL screenshot: $size bytes"; fail=1; }
if [ "${1:-}" = "--update-docs" ]; then
  mkdir -p docs && cp "$tmp/timeline.png" docs/timeline.png && echo "wrote docs/timeline.png"
fi
exit $fail

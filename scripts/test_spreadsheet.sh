#!/usr/bin/env bash
# LibreOffice test of out/timeline.xlsx and out/timeline.csv: Calc (Debian's
# package, installed if missing) converts the workbook built from seeds/ back
# to CSV, and every cell must read as the CSV says: text, dates and codes
# (057, 0871) intact. The CSV is imported the way README tells a Calc user
# to (UTF-8, code columns as text). A PDF of the workbook is rendered too.
# usage: scripts/test_spreadsheet.sh [--keep DIR]   (keeps the PDF and PNG)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure_pkg.sh
ensure_pkg soffice libreoffice-calc
ensure_pkg pdftoppm poppler-utils

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --locked --quiet
# The seeds, plus an article of our own whose codes and dates a spreadsheet
# likes to mangle: CAMEO 0871 (ceasefire), 057, a date_text that is a year.
cp -r seeds "$tmp/articles"
printf '%s\n\n%s\n\n%s\n' 'date 2012-03-10' \
  'The armies of Ecuador and Peru agreed a ceasefire along their border on March 3, 2012.' \
  'The two foreign ministers signed an agreement in Lima in 2012, officials said.' \
  >"$tmp/articles/zz_spreadsheet_check.txt"
target/debug/dateline build --articles "$tmp/articles" --out "$tmp/out" >/dev/null

calc() { # soffice with a private profile, so a running instance does not interfere
  timeout 180 soffice -env:UserInstallation="file://$tmp/profile" --headless "$@" >/dev/null 2>&1
}
utf8_csv='csv:Text - txt - csv (StarCalc):44,34,76,1'
calc --convert-to "$utf8_csv" --outdir "$tmp/from_xlsx" "$tmp/out/timeline.xlsx"
# Columns 5 (date_text), 8 (cameo) and 18 (published) typed as text on import.
calc --infilter="CSV:44,34,76,1,5/2/8/2/18/2" --convert-to xlsx --outdir "$tmp/csv_in" "$tmp/out/timeline.csv"
calc --convert-to "$utf8_csv" --outdir "$tmp/from_csv" "$tmp/csv_in/timeline.xlsx"
calc --convert-to pdf --outdir "$tmp/pdf" "$tmp/out/timeline.xlsx" || true
pdftoppm -png -r 70 -f 1 -l 1 "$tmp/pdf/timeline.pdf" "$tmp/pdf/page"

status=0
python3 - "$tmp" <<'PY' || status=$?
import csv, sys, os
tmp = sys.argv[1]
def rows(path, enc="utf-8-sig"):
    with open(path, encoding=enc, newline="") as f:
        return list(csv.reader(f))
want = rows(f"{tmp}/out/timeline.csv")
# Calc shows booleans as TRUE/FALSE and does not keep the CSV's
# formula-defusing apostrophe (the workbook never needs one).
def norm(c):
    return c.lower() if c in ("TRUE", "FALSE") else c
def unquote(c):
    return c[1:] if c[:1] == "'" and c[1:2] in "=+-@" else c
fail = 0
for name in ("from_xlsx", "from_csv"):
    got = rows(f"{tmp}/{name}/timeline.csv")
    bad = [(r, want[0][c], w, g)
           for r, (wr, gr) in enumerate(zip(want, got))
           for c, (w, g) in enumerate(zip(wr, gr))
           if unquote(w) != norm(g)]
    if len(got) != len(want):
        bad.append(("rows", "", len(want), len(got)))
    print(("ok  " if not bad else "FAIL"), name, f"{len(got) - 1} rows x {len(got[0])} columns as the CSV")
    for b in bad[:10]:
        print("    row {} {}: want {!r} got {!r}".format(*b))
    fail |= bool(bad)
codes = {r[7] for r in rows(f"{tmp}/from_xlsx/timeline.csv")[1:]}
for must in ("0871", "057"):
    if must not in codes:
        print("FAIL code", must, "not in the CSV"); fail = 1
print("    cameo codes read back:", ", ".join(sorted(codes)))
import glob
png = (sorted(glob.glob(f"{tmp}/pdf/page-*.png")) or ["none"])[0]
ok = os.path.exists(png) and os.path.getsize(png) > 5000
print(("ok  " if ok else "FAIL"), "PDF rendered, first page", os.path.getsize(png) if ok else 0, "bytes")
sys.exit(1 if fail or not ok else 0)
PY
if [ "${1:-}" = "--keep" ] && [ -n "${2:-}" ]; then
  mkdir -p "$2" && cp "$tmp/pdf/timeline.pdf" "$tmp"/pdf/page-*.png "$2"/
fi
exit $status

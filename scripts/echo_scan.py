#!/usr/bin/env python3
"""Lists every six-word sequence that a file of the project shares with an
evaluation article, so that no rule, example or test echoes the sentences the
scores are taken on.

usage: python3 scripts/echo_scan.py [PATH ...]   (default: rules tests src)

Exit status 0 always; each echo is printed as `file: 'six words' (article)`.
Stock phrases of news English ("said in a statement that the") will show up;
read the list, do not chase it to zero.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "shared", "eval")


def grams(text):
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(w[i:i + 6]) for i in range(len(w) - 5)}


def main(paths):
    seen = {}
    for d, _, files in os.walk(EVAL):
        if "timeml" in d:
            continue
        for f in files:
            if f.endswith(".txt"):
                p = os.path.join(d, f)
                for g in grams(open(p, encoding="utf-8", errors="replace").read()):
                    seen.setdefault(g, os.path.relpath(p, EVAL))
    for root in paths:
        for d, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith((".toml", ".rs", ".md", ".py", ".txt", ".tsv")):
                    p = os.path.join(d, f)
                    text = open(p, encoding="utf-8", errors="replace").read()
                    for g in sorted(grams(text) & seen.keys()):
                        print(f"{p}: '{g}' ({seen[g]})")


if __name__ == "__main__":
    main(sys.argv[1:] or ["rules", "tests", "src"])

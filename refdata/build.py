"""Builds app/data/*.tsv from the pinned npm packages in this folder.

- pays.tsv: ISO 3166-1 alpha-2 code, French name, English name, sorted by
  the French name (i18n-iso-countries, MIT: langs/fr.json and langs/en.json;
  where a language lists several names, the first, the package's official
  one).
- departements.tsv: code, name (@etalab/decoupage-administratif, MIT code,
  data under the Licence Ouverte / Open Licence of Etalab: INSEE's COG).
- communes.tsv: INSEE code, name, département code, postal codes separated
  by commas (same package; postal codes from La Poste's base officielle).
Run: npm ci && python3 build.py
"""
import json
import pathlib

here = pathlib.Path(__file__).parent
out = here.parent / "app" / "data"
out.mkdir(exist_ok=True)
etalab = here / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
iso = here / "node_modules" / "i18n-iso-countries" / "langs"


def names(language):
    """Code -> name in this language (the first where several are given)."""
    listed = json.loads((iso / f"{language}.json").read_text())["countries"]
    return {code: name if isinstance(name, str) else name[0] for code, name in listed.items()}


countries = names("fr")
english = names("en")
assert countries.keys() == english.keys(), "fr.json and en.json name the same countries"
with open(out / "pays.tsv", "w") as f:
    for code, name in sorted(countries.items(), key=lambda kv: kv[1]):
        f.write(f"{code}\t{name}\t{english[code]}\n")

deps = json.loads((etalab / "departements.json").read_text())
with open(out / "departements.tsv", "w") as f:
    for d in sorted(deps, key=lambda d: d["code"]):
        f.write(f"{d['code']}\t{d['nom']}\n")

communes = json.loads((etalab / "communes.json").read_text())
kept = [c for c in communes if c["type"] in ("commune-actuelle", "arrondissement-municipal") and c.get("codesPostaux")]
with open(out / "communes.tsv", "w") as f:
    for c in sorted(kept, key=lambda c: c["code"]):
        dep = c.get("departement") or ""
        f.write(f"{c['code']}\t{c['nom']}\t{dep}\t{','.join(c['codesPostaux'])}\n")
print(len(countries), "pays,", len(deps), "départements,", len(kept), "communes")

"""The usury thresholds of the official notices (avis trimestriels au JO), as shipped by the PyPI
package `seuils` (PDF copies of every avis and a data file), for the differential test of
Équilibre (Tests/EquilibreCLITests/UsuryOracleTests.swift).

For each date from 2017, prints the eight thresholds a household's loan can fall in, read from the
avis PDF with pdftotext (the first eight lines of the avis that carry two rates: the average rate
and the threshold), the consumer thresholds of `seuils/data/seuils.json` (transcribed by the
package's author, an independent reading), and the Legifrance link.

Usage: python3 Tests/Oracle/seuils_oracle.py            (JSON)
       python3 Tests/Oracle/seuils_oracle.py --yaml     (the values in Équilibre's parameter format,
                                                        to review before copying into usure.yaml)
"""
import json
import re
import subprocess
import sys
from importlib import metadata, resources

import seuils  # noqa: F401  (the package whose data is read)
from seuils import data, pdf

CATEGORIES = ["conso-3000", "conso-3000-6000", "conso-6000", "immo-moins-10-ans", "immo-10-20-ans",
              "immo-20-ans", "immo-variable", "pret-relais"]
# A rate: « 23,6 % », « 21,07 » (2020 notices print no sign) or « 12 % ».
RATE = re.compile(r"(?<![\d,])(\d+, ?\d+|\d+(?=\s?%))")


def from_pdf(day):
    path = resources.files(pdf) / f"{day}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in text.splitlines():
        rates = RATE.findall(line)
        if len(rates) == 2:
            rows.append(tuple(r.replace(" ", "").replace(",", ".") for r in rates))
        if len(rows) == 8:
            break
    header = re.search(r"^\s*(\d+(?:er)? \w+ \d{4})\s+JOURNAL OFFICIEL", text, re.M)
    nor = re.search(r"NOR\s*:\s*(\w+)", text)
    return rows, (header.group(1).strip() if header else None), (nor.group(1) if nor else None)


def main():
    with open(resources.files(data) / "seuils.json") as f:
        table = json.load(f)
    out = {}
    for day in sorted(table):
        if day < "2017-01-01":
            continue
        rows, avis, nor = from_pdf(day)
        out[day] = {
            "lien": table[day]["lien_jo"],
            "avis": avis,
            "nor": nor,
            "pdf": dict(zip(CATEGORIES, [r[1] for r in rows])),
            "moyens": dict(zip(CATEGORIES, [r[0] for r in rows])),
            "seuils_json": [s["taux"] for s in table[day]["seuils"] if s.get("categorie", "classique") == "classique"],
        }
    if "--yaml" in sys.argv:
        for cat in CATEGORIES:
            print(f"usure.{cat}:")
            for day, v in out.items():
                rate = v["pdf"][cat].replace(".", ",")
                print(f"    {day}:")
                print(f"      valeur: \"{rate}\"")
                print(f"      reference: \"Avis relatif à l'usure (C. conso. L314-6), NOR {v['nor']}, JO du {v['avis']}\"")
                print(f"      source: {v['lien']}")
        return
    json.dump({"version": metadata.version("seuils"), "avis": out}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""pyxirr (Rust, floating point) as an independent check of Équilibre's TAEG.

Reads a JSON file: [{"q": periods per year, "flows": [cents at period 0, 1, 2, ...]}, ...].
Prints a JSON list: for each loan, the TAEG in percent, (1 + irr)^q - 1, as pyxirr computes
it, or null when pyxirr finds no rate.
Usage: python3 Tests/Oracle/pyxirr_oracle.py loans.json
"""
import json
import sys

import pyxirr

loans = json.load(open(sys.argv[1]))
out = []
for loan in loans:
    # Our flows are seen from the borrower (drawdown < 0); pyxirr wants the lender's view.
    rate = pyxirr.irr([-c / 100 for c in loan["flows"]])
    out.append(None if rate is None else ((1 + rate) ** loan["q"] - 1) * 100)
print(json.dumps(out))

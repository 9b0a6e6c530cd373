#!/usr/bin/env python3
"""Convert the FRED H.10 exchange-rate CSV (`Date,Country,Exchange rate`) into the crate's rate-table
CSV (`base,quote,rate,date,kind,source`).

Usage: scripts/fred-to-rates.py INPUT OUTPUT [--since YYYY] [--kind monthly-average|annual-average]

Every FRED value is units of the named currency per one US dollar, so each row becomes a USD->XXX
rate. Series are named by country; the table below maps each to its ISO 4217 code. The Venezuela
series mixes redenominations (its values jump by orders of magnitude) and is left out, as is any
series not in the table: the script prints what it skipped.
"""
import csv
import sys

SERIES = {
    "Australia": "AUD", "Austria": "ATS", "Belgium": "BEF", "Brazil": "BRL", "Canada": "CAD",
    "China": "CNY", "Denmark": "DKK", "Euro": "EUR", "Finland": "FIM", "France": "FRF",
    "Germany": "DEM", "Greece": "GRD", "Hong Kong": "HKD", "India": "INR", "Ireland": "IEP",
    "Italy": "ITL", "Japan": "JPY", "Malaysia": "MYR", "Mexico": "MXN", "Netherlands": "NLG",
    "New Zealand": "NZD", "Norway": "NOK", "Portugal": "PTE", "Singapore": "SGD",
    "South Africa": "ZAR", "South Korea": "KRW", "Spain": "ESP", "Sri Lanka": "LKR",
    "Sweden": "SEK", "Switzerland": "CHF", "Taiwan": "TWD", "Thailand": "THB",
    "United Kingdom": "GBP",
}


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = dict(a.split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    since = opts.get("--since", "0000")
    kind = opts.get("--kind", "monthly-average")
    skipped = {}
    rows = []
    with open(args[0], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country, date, value = row["Country"], row["Date"], row["Exchange rate"].strip()
            code = SERIES.get(country)
            if code is None or not value or float(value) <= 0:
                skipped[country] = skipped.get(country, 0) + 1
                continue
            if date[:4] < since:
                continue
            rows.append(("USD", code, value, date, kind, f"Federal Reserve H.10, {country}"))
    rows.sort(key=lambda r: (r[1], r[3]))
    with open(args[1], "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["base", "quote", "rate", "date", "kind", "source"])
        writer.writerows(rows)
    for country, count in sorted(skipped.items()):
        print(f"skipped {count} rows of the {country} series", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

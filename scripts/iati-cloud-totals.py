#!/usr/bin/env python3
"""Total the transactions and budgets of the real IATI files in US dollars and in euros the way
IATI.cloud converts, independently of the crate: Python's standard library only (ElementTree,
decimal, csv), so that the crate's `Convention::IatiCloud` can be checked against it.

The rule, from IATI.cloud's own code and documentation:

- a value's currency is its `@currency`, else its activity's `@default-currency`; a currency
  that is not ISO 4217 (nor in the IATI Currency codelist) is `unknown-currency`;
- a value without a `@value-date` (or with one that is not a date) is `no-value-date`, even
  when it is already in the target currency;
- a value in the target currency is taken as it is;
- otherwise value x xdr_per_unit[currency, month] / xdr_per_unit[target, month], for the
  calendar month of `@value-date`, from the IMF's monthly SDR table IATI.cloud ships; a month
  either currency lacks is `no-rate`;
- each converted value is rounded once, half-even to cents, and a total is the sum of its values.

Transactions count when they have a `transaction-type/@code` (the letters of IATI version 1,
`C`, `D` and so on, are the codes 2.01 gave them, as the standard's migration says); budgets count
by `@type`, `1` (original) when it is missing. A value whose text is not a decimal is no amount and
is not counted.

Usage: scripts/iati-cloud-totals.py [--check]

Writes tests/data/fx/iati-cloud-totals.json; with --check, exits 1 when the committed file
differs from what the data gives, and writes nothing.
"""
import csv
import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_EVEN, Context, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = DATA / "fx" / "iati-cloud-totals.json"
TARGETS = ["USD", "EUR"]
# Far more digits than any product needs: the division is exact to 60 significant figures.
EXACT = Context(prec=60)
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})([TZ+-].*)?")
# Transaction types of IATI version 1 and their codes since 2.01.
VERSION_ONE = {"IF": "1", "C": "2", "D": "3", "E": "4", "IR": "5", "LR": "6", "R": "7",
               "QP": "8", "QS": "9", "CG": "10"}


def known_currencies():
    codes = set()
    with open(DATA / "iso4217" / "codes-all.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["AlphabeticCode"].strip():
                codes.add(row["AlphabeticCode"].strip())
    for code in ET.parse(DATA / "iati" / "Currency.xml").getroot().iter("code"):
        if code.text:
            codes.add(code.text.strip())
    return codes


def sdr_table():
    table = {}
    with open(DATA / "fx" / "imf-xdr-monthly-iaticloud.csv", newline="") as f:
        for row in csv.DictReader(f):
            key = (row["currency"], int(row["year"]), int(row["month"]))
            table[key] = Decimal(row["xdr_per_unit"])
    return table


def value_date(text):
    """The date of `@value-date` as the crate reads one: YYYY-MM-DD, optionally followed by a
    time or zone."""
    match = DATE.fullmatch((text or "").strip(" \t\r\n"))
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def convert(amount, currency, day, target, rates):
    """The value in `target`, rounded to cents, or the reason it has none."""
    if day is None:
        return None, "no-value-date"
    if currency == target:
        return amount, None
    month = (day.year, day.month)
    source = Decimal(1) if currency == "XDR" else rates.get((currency, *month))
    goal = Decimal(1) if target == "XDR" else rates.get((target, *month))
    if source is None or goal is None:
        return None, "no-rate"
    exact = EXACT.divide(EXACT.multiply(amount, source), goal)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN), None


def add(totals, flow, code, value, default_currency, target, rates, currencies):
    text = (value.text or "").strip(" \t\r\n")
    if not NUMBER.fullmatch(text):
        return
    amount = Decimal(text)
    written = (value.get("currency") or "").strip(" \t\r\n")
    currency = written or default_currency
    entry = totals[flow].setdefault(code, {"total": Decimal(0), "converted": 0, "unconvertible": {}})
    if currency not in currencies:
        reason = "unknown-currency"
    else:
        converted, reason = convert(amount, currency, value_date(value.get("value-date")), target, rates)
    if reason:
        entry["unconvertible"][reason] = entry["unconvertible"].get(reason, 0) + 1
    else:
        entry["total"] += converted
        entry["converted"] += 1


def totals_in(target, files, rates, currencies):
    totals = {"transactions": {}, "budgets": {}}
    for path in files:
        for activity in ET.parse(path).getroot().iter("iati-activity"):
            default = (activity.get("default-currency") or "").strip(" \t\r\n")
            for t in activity.findall("transaction"):
                kind = t.find("transaction-type")
                code = (kind.get("code") or "").strip(" \t\r\n") if kind is not None else ""
                code = VERSION_ONE.get(code.upper(), code)
                value = t.find("value")
                if code and value is not None:
                    add(totals, "transactions", code, value, default, target, rates, currencies)
            for b in activity.findall("budget"):
                code = (b.get("type") or "").strip(" \t\r\n") or "1"
                value = b.find("value")
                if value is not None:
                    add(totals, "budgets", code, value, default, target, rates, currencies)
    for flows in totals.values():
        for entry in flows.values():
            entry["total"] = str(entry["total"])
    return totals


def main():
    check = "--check" in sys.argv[1:]
    files = sorted((DATA / "iati" / "real").glob("*.xml"))
    rates, currencies = sdr_table(), known_currencies()
    out = {
        "rule": "IATI.cloud: value x xdr_per_unit[currency] / xdr_per_unit[target] in the month "
        "of @value-date, each value rounded half-even to cents, then summed",
        "files": [p.name for p in files],
        "rates": "tests/data/fx/imf-xdr-monthly-iaticloud.csv",
        "made_by": "scripts/iati-cloud-totals.py",
    }
    for target in TARGETS:
        out[target] = totals_in(target, files, rates, currencies)
    text = json.dumps(out, indent=2, sort_keys=True) + "\n"
    if check:
        if not OUT.exists() or OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} differs from what the data gives", file=sys.stderr)
            sys.exit(1)
        return
    OUT.write_text(text)


if __name__ == "__main__":
    main()

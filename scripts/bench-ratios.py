#!/usr/bin/env python3
"""Print the README's performance rows from criterion's estimates under target/criterion.

Usage: scripts/bench-ratios.py

Each row compares a measurement with its baseline from the same run: ratio = ours / baseline
(below 1 is faster than the baseline).
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "target" / "criterion"

# (group, ours, baseline, target ratio or None, what)
PAIRS = [
    ("add", "money_checked_add", "decimal_checked_add", 1.5, "`Money::checked_add` vs `Decimal::checked_add`, 1,000 amounts"),
    ("add", "money_checked_add", "rusty_money_add", None, "`Money::checked_add` vs the `rusty-money` crate's add (peer), 1,000 amounts"),
    ("bag_sum", "money_bag", "btreemap", 1.5, "`MoneyBag` vs `BTreeMap<&str, Decimal>`, 1,000,000 amounts in 5 currencies"),
    ("allocate", "money_allocate_1000", "rusty_money_allocate_1000", None, "`Money::allocate` vs the `rusty-money` crate's allocate (peer), 1,000 parts"),
    ("allocate", "money_split_1000", None, None, "`Money::split` into 1,000 equal parts"),
]


# (group, ours, records, baseline, records, target, what): per-record times compared.
PER_RECORD = [
    ("validate", "1m", 1_000_001, "10k_from_memory", 10_001, 1.3, "`Dataset::validate` per record: 1,000,000 records vs 10,000, both read from main memory"),
    ("validate", "1m", 1_000_001, "10k", 10_001, None, "`Dataset::validate` per record: 1,000,000 records vs 10,000 in the processor's caches"),
    ("validate", "touch_1m", 1_000_001, "touch_10k_from_memory", 10_001, None, "reading every identifier and reference, nothing else, per record: 1,000,000 records vs 10,000, both from main memory"),
    ("validate", "touch_1m", 1_000_001, "touch_10k", 10_001, None, "the same reading pass: 1,000,000 records vs 10,000 in cache"),
]


def mean_ns(group, name):
    path = ROOT / group / name / "new" / "estimates.json"
    return json.loads(path.read_text())["mean"]["point_estimate"]


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    print("| measurement | ours | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    for group, ours, base, target, what in PAIRS:
        try:
            a = mean_ns(group, ours)
            b = mean_ns(group, base) if base else None
        except FileNotFoundError as e:
            print(f"missing estimate: {e.filename}", file=sys.stderr)
            return 1
        ratio = f"{a / b:.2f}" if b else "–"
        goal = f"≤ {target}" if target else "report"
        print(f"| {what} | {human(a)} | {human(b) if b else '–'} | {ratio} | {goal} |")
    for group, ours, n_ours, base, n_base, target, what in PER_RECORD:
        try:
            a = mean_ns(group, ours) / n_ours
            b = mean_ns(group, base) / n_base
        except FileNotFoundError as e:
            print(f"missing estimate: {e.filename}", file=sys.stderr)
            return 1
        goal = f"≤ {target}" if target else "report"
        print(f"| {what} | {human(a)} | {human(b)} | {a / b:.2f} | {goal} |")
    try:
        size = int((ROOT / "read" / "bytes.txt").read_text())
        typed = mean_ns("read", "dataset_validated")
        untyped = mean_ns("read", "serde_json_value")
    except FileNotFoundError as e:
        print(f"missing estimate: {e.filename}", file=sys.stderr)
        return 1
    mb_s = lambda ns: size / 1e6 / (ns / 1e9)
    print(f"| reading a {size / 1e6:.0f} MB dataset file into a validated `Dataset` vs `serde_json::Value` (speed ratio) "
          f"| {mb_s(typed):.0f} MB/s | {mb_s(untyped):.0f} MB/s | {untyped / typed:.2f} | ≥ 0.5 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

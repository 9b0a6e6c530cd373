#!/usr/bin/env python3
"""Expands a JSON-LD document (from `partnerships export --to jsonld`, on standard input) with
pyld, offline, and checks that nothing was lost: every property of every node of the compact
document is an IRI of schema.org in the expanded one, with as many values.

    partnerships export --to jsonld | python3 scripts/check-jsonld.py
"""
import json
import sys

from pyld import jsonld

SCHEMA = "https://schema.org/"


def count(node, found):
    """Counts (property IRI, values) over a compact node, following nested nodes."""
    if isinstance(node, list):
        for item in node:
            count(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            found[SCHEMA + key] = found.get(SCHEMA + key, 0) + len(values)
            count(value, found)


def count_expanded(node, found):
    if isinstance(node, list):
        for item in node:
            count_expanded(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("@"):
                if key in ("@graph", "@list", "@set"):
                    count_expanded(value, found)
                continue
            found[key] = found.get(key, 0) + len(value)
            count_expanded(value, found)


def main():
    document = json.load(sys.stdin)
    expanded = jsonld.expand(document)
    compact, full = {}, {}
    count(document["@graph"], compact)
    count_expanded(expanded, full)
    lost = {k: (v, full.get(k, 0)) for k, v in compact.items() if full.get(k, 0) != v}
    if lost:
        print(f"lost in expansion: {lost}", file=sys.stderr)
        sys.exit(1)
    print(f"{sum(compact.values())} values of {len(compact)} properties expanded, none lost")


if __name__ == "__main__":
    main()

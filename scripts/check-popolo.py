#!/usr/bin/env python3
"""Validates a Popolo document (from `partnerships export --to popolo`, on standard input)
with the Python `jsonschema` package's own draft-03 validator, against the Popolo schemas
vendored in tests/data/popolo/schemas, their $refs resolved to those files offline.

    partnerships export --to popolo | python3 scripts/check-popolo.py

Prints the number of items checked per array and exits 1 on the first invalid item.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

SCHEMAS = pathlib.Path(__file__).resolve().parent.parent / "tests/data/popolo/schemas"
BASE = "http://www.popoloproject.com/schemas/"


def main():
    schemas = {p.name: json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (BASE + name, Resource.from_contents(schema, default_specification=DRAFT3))
        for name, schema in schemas.items()
    )
    document = json.load(sys.stdin)
    for array, name in [("persons", "person.json"), ("organizations", "organization.json"),
                        ("posts", "post.json"), ("memberships", "membership.json"),
                        ("events", "event.json")]:
        validator = jsonschema.Draft3Validator(
            schemas[name], registry=registry,
            format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER)
        items = document.get(array, [])
        for n, item in enumerate(items):
            errors = sorted(validator.iter_errors(item), key=str)
            if errors:
                print(f"{array}[{n}]: {errors[0].message}", file=sys.stderr)
                sys.exit(1)
        print(f"{array}: {len(items)} valid")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes tests/data/schema.org/terms.json from the schema.org vocabulary file: every class
with its direct superclasses, every property with the classes of its domain
(schema:domainIncludes), and every enumeration member with its type. The JSON-LD test checks
each type and property the export uses against it, offline.

    python3 scripts/schema-org-terms.py [../shared/data/schema.org/schemaorg-current-https.jsonld]
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = pathlib.Path(sys.argv[1] if len(sys.argv) > 1
                      else ROOT.parent / "shared/data/schema.org/schemaorg-current-https.jsonld")
OUT = ROOT / "tests/data/schema.org/terms.json"


def names(value):
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    return sorted(v["@id"].removeprefix("schema:") for v in value)


def main():
    graph = json.loads(SOURCE.read_text())["@graph"]
    classes, properties, members = {}, {}, {}
    for node in graph:
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        name = node["@id"].removeprefix("schema:")
        if not node["@id"].startswith("schema:"):
            continue
        if "rdfs:Class" in kinds:
            classes[name] = names(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in kinds:
            properties[name] = names(node.get("schema:domainIncludes"))
        else:
            members[name] = sorted(k.removeprefix("schema:") for k in kinds)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "schema.org release 30.0, schemaorg-current-https.jsonld",
                               "classes": classes, "properties": properties,
                               "members": members}, indent=0, sort_keys=True) + "\n")
    print(f"{OUT}: {len(classes)} classes, {len(properties)} properties, {len(members)} members")


if __name__ == "__main__":
    main()

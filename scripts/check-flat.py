#!/usr/bin/env python3
"""Check an export of `partnerships flatten --format parquet` with DuckDB: the sum of value_usd
by recipient country and transaction type, as DuckDB reads the Parquet directory (Hive
partitions included), must equal the library's own exact totals in report.json, to the last
place.

Usage: scripts/check-flat.py DIR

Needs the `duckdb` Python package. Exits 0 when every total agrees, 1 otherwise.
"""
import json
import sys
from decimal import Decimal
from pathlib import Path

import duckdb


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    expected = {(t["country_code"], t["transaction_type"]): Decimal(t["value_usd"])
                for t in report["usd_by_country_and_type"]}
    tables = [f"select country_code, transaction_type, value_usd from read_parquet('{out / table}/**/*.parquet', hive_partitioning = true)"
              for table in ("transactions", "budgets") if (out / table).is_dir()]
    query = (f"select country_code, transaction_type, sum(value_usd) from ({' union all '.join(tables)}) "
             "where value_usd is not null group by all")
    found = {(c, t): Decimal(str(s)) for c, t, s in duckdb.sql(query).fetchall()}
    wrong = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    for key in wrong[:20]:
        print(f"{key}: library {expected.get(key)}, DuckDB {found.get(key)}", file=sys.stderr)
    print(f"{len(found)} totals by country and transaction type; {len(wrong)} differ")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

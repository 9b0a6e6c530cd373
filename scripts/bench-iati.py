#!/usr/bin/env python3
"""The IATI reader against Python's lxml, and its peak memory, on the benchmark's 200 MB file.

Usage: cargo bench --features iati --bench iati && scripts/bench-iati.py

Reads target/iati-bench.xml (written by `cargo bench --bench iati`), times lxml's `etree.parse`
of it (what the field's Python tools use; best of three runs), reads the typed reader's time
from criterion's estimates of the same bytes, and measures the peak resident memory of the
`partnerships iati` command streaming the file. lxml is installed into target/bench-venv when it is missing.
Prints the README's rows, with those of the same read valuing every amount under each convention
against the read alone (criterion's `iati_value` group, measured in one run).
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "target" / "iati-bench.xml"
VENV = ROOT / "target" / "bench-venv"


def lxml_python():
    """A Python that has lxml: this one, or the project's bench virtual environment."""
    try:
        import lxml  # noqa: F401

        return sys.executable
    except ImportError:
        python = VENV / "bin" / "python"
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "lxml"], check=True)
        return str(python)


TIMER = """
import sys, time
from lxml import etree
best = None
for _ in range(3):
    start = time.perf_counter()
    etree.parse(sys.argv[1])
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(best)
"""


def criterion_seconds(name, group="iati_read"):
    path = ROOT / "target" / "criterion" / group / name / "new" / "estimates.json"
    return json.loads(path.read_text())["mean"]["point_estimate"] / 1e9


def peak_memory_mb():
    command = ROOT / "target" / "release" / "partnerships"
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "partnerships-cli"], cwd=ROOT, check=True)
    child = subprocess.Popen([str(command), "iati", str(FILE), "--json"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"partnerships iati failed on {FILE}")
    return usage.ru_maxrss / 1024


def main():
    if not FILE.exists():
        print(f"{FILE} is missing: run `cargo bench --features iati --bench iati` first", file=sys.stderr)
        return 1
    size = FILE.stat().st_size
    timer = subprocess.Popen([lxml_python(), "-c", TIMER, str(FILE)], stdout=subprocess.PIPE, text=True)
    lxml_out = timer.stdout.read()
    _, status, lxml_usage = os.wait4(timer.pid, 0)
    if status != 0:
        raise SystemExit("the lxml timer failed")
    lxml_s = float(lxml_out)
    typed_s = criterion_seconds("typed_activities")
    scan_s = criterion_seconds("quick_xml_scan")
    mb_s = lambda s: size / 1e6 / s
    peak = peak_memory_mb()
    print(f"| typed streaming read of a {size / 1e6:.0f} MB IATI file vs a bare `quick-xml` event and attribute scan (speed ratio) "
          f"| {mb_s(typed_s):.0f} MB/s | {mb_s(scan_s):.0f} MB/s | {scan_s / typed_s:.2f} | ≥ 0.5 |")
    print(f"| the same typed read vs Python lxml `etree.parse` (speed ratio) "
          f"| {mb_s(typed_s):.0f} MB/s | {mb_s(lxml_s):.0f} MB/s | {lxml_s / typed_s:.2f} | ≥ 2 |")
    print(f"| peak resident memory of `partnerships iati` streaming the {size / 1e6:.0f} MB file vs lxml's parse "
          f"| {peak:.0f} MB | {lxml_usage.ru_maxrss / 1024:.0f} MB | – | < 64 MB |")
    read_s = criterion_seconds("read", "iati_value")
    for convention in ["iati-cloud", "country-development-finance", "annual-average"]:
        valued_s = criterion_seconds(convention, "iati_value")
        print(f"| the same read valuing every transaction and budget in USD under `{convention}` vs the read alone (time ratio) "
              f"| {valued_s:.3g} s | {read_s:.3g} s | {valued_s / read_s:.2f} | ≤ 1.15 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

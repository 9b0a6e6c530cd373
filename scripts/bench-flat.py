#!/usr/bin/env python3
"""Flat rows against iatiflattener, two threads against one, and peak memory.

Usage: scripts/bench-flat.py [--corpus-mb 1000]

Runs, in one go on the same machine:
1. iatiflattener 0.10.12 (offline, through ../shared/tools/iatiflattener-offline, its
   production `process_package`: transaction and budget rows) on the 13 real files of
   tests/data/iati/real, best of two runs; and `partnerships flatten --threads 1` on the same
   files (transaction and budget rows, CSV), best of five: the ratio of throughputs.
2. A corpus of the real files repeated to about 1 GB (symbolic links under
   target/flat-corpus): `partnerships flatten` with one thread and with two, best of two each:
   the ratio, and the peak resident memory of each run.

The peer is installed into target/peer-venv when it is missing. Prints the README's rows.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "iati" / "real"
RATES = ROOT / "tests" / "data" / "fx" / "imf-monthly-per-usd-from-xdr.csv"
VENV = ROOT / "target" / "peer-venv"
HARNESS = ROOT.parent / "shared" / "tools" / "iatiflattener-offline" / "run_flattener.py"
BIN = ROOT / "target" / "release" / "partnerships"
OUT = ROOT / "target" / "flat-bench-out"

PEAK = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
print(done.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peer_python():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import iatiflattener"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "iatiflattener==0.10.12", "xmljson==0.2.1"], check=True)
    return str(python)


def flatten(inputs, threads):
    """Seconds and peak resident kilobytes of one `partnerships flatten` run."""
    shutil.rmtree(OUT, ignore_errors=True)
    command = [sys.executable, "-c", PEAK, str(BIN), "flatten", *map(str, inputs), "--out", str(OUT),
               "--rates", str(RATES), "--threads", str(threads)]
    code, seconds, peak_kb = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    if code != "0":
        raise SystemExit(f"partnerships flatten exited {code}")
    return float(seconds), int(peak_kb)


def corpus(megabytes):
    """The real files repeated under target/flat-corpus to about `megabytes` MB."""
    files = sorted(REAL.glob("*.xml"))
    size = sum(f.stat().st_size for f in files)
    copies = -(-megabytes * 1_000_000 // size)
    root = ROOT / "target" / "flat-corpus"
    shutil.rmtree(root, ignore_errors=True)
    for i in range(copies):
        folder = root / f"copy-{i:03}"
        folder.mkdir(parents=True)
        for f in files:
            (folder / f.name).symlink_to(f)
    return root, size * copies


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus-mb", type=int, default=1000)
    args = parser.parse_args(argv)
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "partnerships-cli"], cwd=ROOT, check=True)
    real = sorted(REAL.glob("*.xml"))
    mb = sum(f.stat().st_size for f in real) / 1e6

    peer = subprocess.run([peer_python(), str(HARNESS), "--rates", str(RATES), "--time", "--repeat", "2",
                           *map(str, real)], capture_output=True, text=True, check=True)
    # The harness prints what it sets up, then its JSON.
    peer_mbps = json.loads(peer.stdout[peer.stdout.index("{"):])["process_package_best_MBps"]
    for threads in (1, 2):
        ours = min(flatten(real, threads)[0] for _ in range(7))
        ours_mbps = mb / ours
        print(f"| flat rows of the 13 real files ({mb:.1f} MB), {threads} thread{'s' if threads > 1 else ''} "
              f"| {ours_mbps:.1f} MB/s vs iatiflattener {peer_mbps:.2f} MB/s | **{ours_mbps / peer_mbps:.1f}×** | ≥ 30× |")

    root, size = corpus(args.corpus_mb)
    one, two, peaks = [], [], []
    for _ in range(2):
        seconds, peak = flatten([root], 1)
        one.append(seconds)
        peaks.append(peak)
        seconds, peak = flatten([root], 2)
        two.append(seconds)
        peaks.append(peak)
    shutil.rmtree(OUT, ignore_errors=True)
    gb = size / 1e9
    print(f"| flat rows of {gb:.2f} GB (the real files repeated), two threads vs one | {min(one):.1f} s vs "
          f"{min(two):.1f} s | **{min(one) / min(two):.2f}×** | ≥ 1.7× |")
    print(f"| peak memory of those runs | {max(peaks) / 1024:.0f} MB | | < 128 MB |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How `govgraph ingest` scales: seconds, MB/s and peak RSS at several sizes, side by side.

Each size is a file of communiqué-like text (`ingest_throughput.corpus`), ingested by the
real CLI in a fresh child process; its peak RSS is that child's own `ru_maxrss` (`wait4`).
Seconds are wall time with the child's CPU time (user + system) beside it: on a shared
machine wall time also counts waiting for a core. The last columns divide by the size, so a
linear ingest shows the same figures per MB; "RSS growth/MB" leaves out the fixed cost of the
interpreter and the reference data, as RSS growth over the smallest size per MB added.

Usage: PYTHONPATH=src python benchmarks/ingest_scale.py [--mb 1,10,50]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_throughput import corpus  # noqa: E402


def ingest(path: Path, out: Path) -> tuple[float, float, float, str]:
    """Wall and CPU seconds, peak RSS (MiB) and the summary line of one `govgraph ingest` child process."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile("w+") as stdout:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "govgraph.cli", "ingest", str(path), "--out", str(out)], stdout=stdout, env=environment
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        stdout.seek(0)
        summary = stdout.read().strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest of {path} failed with status {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", default="1,10,50", help="sizes in MB, comma-separated (default 1,10,50)")
    args = parser.parse_args()
    sizes = [float(size) for size in args.mb.split(",")]
    print(
        f"{'input':>9} {'wall':>8} {'CPU':>8} {'MB/s':>6} {'peak RSS':>10} {'CPU s/MB':>9} {'RSS/MB':>10} {'RSS growth/MB':>14}  draft"
    )
    first: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in sizes:
            path = Path(tmp) / f"bench-{megabytes:g}mb.txt"
            path.write_text(corpus(megabytes), encoding="utf-8")
            actual = path.stat().st_size / 1_000_000
            out = Path(tmp) / "drafts" / f"{path.stem}.ttl"
            seconds, cpu, peak, summary = ingest(path, out)
            first = first or (actual, peak)
            growth = f"{(peak - first[1]) / (actual - first[0]):9.1f} MiB" if actual > first[0] else f"{'-':>13}"
            statements = summary.split(": ", 1)[1].split(";", 1)[0] if ": " in summary else summary
            print(
                f"{actual:6.1f} MB {seconds:7.1f}s {cpu:7.1f}s {actual / cpu:6.2f} {peak:6.0f} MiB {cpu / actual:8.2f}s "
                f"{peak / actual:6.1f} MiB {growth}  {out.stat().st_size / 1_000_000:.0f} MB, {statements}",
                flush=True,
            )
            path.unlink()
            out.unlink()


if __name__ == "__main__":
    main()

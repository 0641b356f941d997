"""The W3C SHACL test suite (tests/w3c) through both validation engines: total time side by side.

Each entry goes through `govgraph.validate(DATA, shapes=[SHAPES], engine=…)`, as the tests run
it; the figures are CPU and wall seconds over the 120 entries, how many give the expected
report, and, for the SPARQL engine, how many it answered itself (the rest it hands to pySHACL).

Usage, from the repository root: python -m benchmarks.shacl_suite [--rounds 3]
"""

import argparse
import logging
import time
import warnings

from tests.w3c_suite import ENTRIES, outcome


def run(engine: str) -> tuple[float, float, int, int]:
    """CPU s, wall s, entries passed, entries the engine itself answered."""
    cpu, wall = time.process_time(), time.perf_counter()
    passed = answered = 0
    for entry in ENTRIES:
        result, report = outcome(entry, engine)
        passed += result == "pass"
        answered += report is not None and report.engine == engine
    return time.process_time() - cpu, time.perf_counter() - wall, passed, answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs per engine (default: %(default)s)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # rdflib logs a traceback per ill-typed literal of the suite
    warnings.simplefilter("ignore")
    run("sparql")  # warm: imports and the SPARQL parser's caches
    rows = []
    for engine in ("pyshacl", "sparql"):
        best = min((run(engine) for _ in range(args.rounds)), key=lambda r: r[0])
        rows.append((engine, *best))
    print(f"{'engine':<10} {'CPU s':>8} {'wall s':>8} {'pass':>6} {'answered itself':>16}   ({len(ENTRIES)} entries)")
    for engine, cpu, wall, passed, answered in rows:
        print(f"{engine:<10} {cpu:>8.2f} {wall:>8.2f} {passed:>6} {answered:>16}")


if __name__ == "__main__":
    main()

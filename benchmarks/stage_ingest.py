"""The ingest stage: `govgraph ingest` of 0.1, 1 and 4 MB of communiqué text, so linearity shows.

The text is made of the body paragraphs of real documents (the seed, Annex 4, and every ingest
fixture under tests/fixtures), drawn at random and repeated with their years and other numbers
varied, one paragraph a line: each one then gets its own paragraph number, with no upper limit
(a label such as "12." has at most three digits, as in real communiqués, so the paragraphs are
unnumbered and numbered by position). Each size is ingested by the real CLI in a child process:
its CPU seconds (user + system) and peak RSS come from `wait4`. Beside it, in its own child, the
reference: pysbd, a standard sentence splitter, segmenting the same paragraphs and nothing else.

"per doubling" is the factor by which CPU time (or peak RSS) grows each time the input doubles,
between one size and the next: 2.0 is linear, 4.0 quadratic. A fixed cost (the interpreter, the
imports, the reference data: about 0.3 s and 55 MiB) pulls both below that, peak RSS far below.

run.py calls `rows(timeout)` once per run; alone:
PYTHONPATH=src python benchmarks/stage_ingest.py [--mb 0.1,1,4] [--keep DIR] [--profile]
(`--keep DIR` keeps each draft, to compare the bytes of two versions; `--profile` prints
cProfile's top functions of an in-process ingest of the 1 MB text.)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The seed, Annex 4 (every sentence of it is in the graph).
SEED = ROOT / "data" / "sources" / "g7-2023-digital-annex4.txt"
#: The real documents the paragraphs are drawn from.
SOURCES = [
    SEED,
    *sorted(path for path in (ROOT / "tests" / "fixtures").glob("ingest*/*") if path.suffix in (".txt", ".md", ".html")),
]
SIZES = (0.1, 1.0, 4.0)


def corpus(megabytes: float, seed: int = 7) -> str:
    """Body paragraphs of the real documents, drawn at random with varied numbers, to `megabytes`."""
    sys.path.insert(0, str(ROOT / "src"))
    from govgraph.ingest.reading import read_source, render
    from govgraph.ingest.segment import paragraphs

    rng = random.Random(seed)
    bodies: list[str] = []
    for source in SOURCES:
        _, blocks, _ = render(read_source(source))
        bodies += [" ".join(part.block.text[part.start : part.end] for part in p.parts) for p in paragraphs(blocks)]
    out = ["Home | Summits | Ministerials | Documents | Search", "[pdf]"]
    size = 0
    while size < megabytes * 1_000_000:
        body = rng.choice(bodies)
        body = re.sub(r"\b20\d\d\b", lambda m: str(2016 + rng.randrange(15)), body)
        body = re.sub(r"\b(?!20\d\d\b)\d{1,3}\b", lambda m: str(1 + rng.randrange(200)), body)
        out.append(body)
        size += len(body.encode("utf-8")) + 1
    out.append("All contents copyright © 2025. All rights reserved.")
    return "\n".join(out) + "\n"


def _emit(**values: object) -> None:
    print(json.dumps(values), flush=True)


def step_pysbd(path: Path) -> None:
    """The reference: read and render the file as ingest does, then pysbd over every body paragraph."""
    sys.path.insert(0, str(ROOT / "src"))
    from govgraph.ingest.reading import read_source, render
    from govgraph.ingest.segment import paragraphs, split_sentences_pysbd

    _, blocks, _ = render(read_source(path))
    count = sum(len(split_sentences_pysbd(part.block.text, part.start, part.end)) for p in paragraphs(blocks) for part in p.parts)
    _emit(sentences=count)


def profile(path: Path, top: int = 30) -> None:
    """cProfile of one in-process ingest of `path` (extraction and draft), its top functions."""
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT / "src"))
    from govgraph.ingest import extract_stream, write_draft

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as scratch:
        profiler.enable()
        write_draft(extract_stream(path), Path(scratch) / "draft.ttl")
        profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def measure_sizes(sizes: tuple[float, ...], timeout: float, keep: Path | None = None) -> list[dict]:
    """Per size: the text's MB, ingest's CPU s and peak RSS, pysbd's CPU s, and the draft's size and summary."""
    sys.path.insert(0, str(HERE))
    from scale import measure

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(HERE)]))
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        for megabytes in sizes:
            path = Path(scratch) / f"communique-{megabytes:g}mb.txt"
            path.write_text(corpus(megabytes), encoding="utf-8")
            out = (keep or Path(scratch)) / f"{path.stem}.ttl"
            ours = measure([sys.executable, "-m", "govgraph.cli", "ingest", str(path), "--out", str(out)], timeout, env)
            reference = measure([sys.executable, __file__, "--step", "pysbd", "--file", str(path)], timeout, env)
            if ours["timed_out"] or reference["timed_out"]:
                raise SystemExit(f"ingest stage passed the {timeout:.0f} s safety timeout at {megabytes:g} MB")
            figures.append(
                {
                    "mb": path.stat().st_size / 1_000_000,
                    "cpu": ours["cpu"],
                    "rss": ours["usage"].ru_maxrss / 1024,
                    "reference": reference["cpu"],
                    "draft_mb": out.stat().st_size / 1_000_000,
                    "sentences": reference["lines"][0]["sentences"],
                }
            )
            path.unlink()
    return figures


def per_doubling(before: float, after: float, size_before: float, size_after: float) -> float:
    """The factor a figure grows by each time the input doubles, between two sizes (2.0 is linear)."""
    factor: float = (after / before) ** (1 / math.log2(size_after / size_before))  # a float power is Any to mypy
    return factor


def rows(timeout: float, sizes: tuple[float, ...] = SIZES) -> list[dict]:
    """The stage's rows for run.py's table: each size beside pysbd, its peak RSS, and the growth per doubling."""
    figures = measure_sizes(sizes, timeout)
    out: list[dict] = []
    for figure in figures:
        label = f"ingest {figure['mb']:.1f} MB of text"
        out.append(
            {
                "stage": f"{label} (CPU s) vs pysbd segmentation",
                "ours": figure["cpu"],
                "reference": figure["reference"],
                "unit": "s",
            }
        )
        out.append({"stage": f"{label}: peak RSS (MiB)", "ours": figure["rss"], "reference": None, "unit": ""})
    for before, after in zip(figures, figures[1:]):
        ours = per_doubling(before["cpu"], after["cpu"], before["mb"], after["mb"])
        reference = per_doubling(before["reference"], after["reference"], before["mb"], after["mb"])
        out.append(
            {
                "stage": f"ingest {before['mb']:.1f} → {after['mb']:.1f} MB: CPU ×{ours:.2f} per doubling (pysbd ×{reference:.2f})",
                "ours": None,
                "reference": None,
                "unit": "",
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", default=",".join(f"{size:g}" for size in SIZES), help="sizes in MB (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="keep each draft in this folder")
    parser.add_argument("--profile", action="store_true", help="also profile an in-process ingest of 1 MB")
    parser.add_argument("--timeout", type=float, default=600, help="safety limit in CPU seconds per step (default: %(default)s)")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "pysbd":
        step_pysbd(args.file)
        return
    sizes = tuple(float(size) for size in args.mb.split(","))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    print(f"ingest stage, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.1f}")
    print(
        f"{'text':>8} {'CPU s':>7} {'per MB':>7} {'per doubling':>12} {'peak RSS':>10} {'per doubling':>12} {'pysbd CPU s':>11}  draft"
    )
    figures = measure_sizes(sizes, args.timeout, args.keep)
    previous: dict | None = None
    for figure in figures:
        if previous:
            growth = per_doubling(previous["cpu"], figure["cpu"], previous["mb"], figure["mb"])
            rss_growth = per_doubling(previous["rss"], figure["rss"], previous["mb"], figure["mb"])
            doubling, rss_doubling = f"{growth:11.2f}x", f"{rss_growth:11.2f}x"
        else:
            doubling = rss_doubling = f"{'–':>12}"
        print(
            f"{figure['mb']:5.1f} MB {figure['cpu']:7.2f} {figure['cpu'] / figure['mb']:7.2f} {doubling} "
            f"{figure['rss']:6.0f} MiB {rss_doubling} {figure['reference']:11.2f}  "
            f"{figure['draft_mb']:.1f} MB, {figure['sentences']:,} sentences",
            flush=True,
        )
        previous = figure
    if args.profile:
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "communique-1mb.txt"
            path.write_text(corpus(1.0), encoding="utf-8")
            profile(path)


if __name__ == "__main__":
    main()

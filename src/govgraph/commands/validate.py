"""`govgraph validate [PATHS] [--shapes FILE …]`: SHACL shapes and data-quality checks; exit 1 on violations."""

import argparse

from ..progress import Delayed
from ..report import as_json, as_text, as_turtle
from ..validate import DEFAULT_ENGINE, ENGINES, validate

FORMATS = {"text": as_text, "json": as_json, "ttl": as_turtle}


def run(args: argparse.Namespace) -> int:
    with Delayed() as progress:
        report = validate(
            args.paths or None,
            shapes=args.shapes,
            in_context=bool(args.paths) and not args.shapes,
            recommendations=not args.no_warnings,
            engine=args.engine,
            progress=progress,
        )
    print(FORMATS[args.format](report))
    return 0 if report.conforms else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check data against the shapes and the saved checks",
        description="Validate Turtle files (default: every curated file under data/) against ontology/shapes.ttl, "
        "the recommendations (warnings, never failing) and the queries in queries/checks/, or against your own "
        "SHACL shapes (--shapes). A curated file named alone is checked with the rest of data/ around it. "
        "Exit 1 on violations.",
    )
    parser.add_argument("paths", nargs="*", help="Turtle files or directories (default: data/)")
    parser.add_argument(
        "--shapes",
        action="append",
        metavar="FILE",
        help="SHACL shapes (Turtle file or folder; repeatable) to use instead of govgraph's shapes, "
        "recommendations and checks; the data is then read alone, as written",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="text (default), json, or ttl: a standard sh:ValidationReport graph",
    )
    parser.add_argument("--no-warnings", action="store_true", help="skip the recommendations")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="sparql: shapes compiled to SPARQL on the embedded store (fast, default; hands what it cannot "
        "compile to pySHACL and says so); pyshacl: the reference implementation on an rdflib graph (slow at scale)",
    )
    parser.set_defaults(func=run)

"""`govgraph validate [PATHS]`: SHACL shapes and data-quality checks; exit 1 on violations."""

import argparse

from ..report import as_json, as_text
from ..validate import DEFAULT_ENGINE, ENGINES, validate


def run(args: argparse.Namespace) -> int:
    report = validate(args.paths or None, recommendations=not args.no_warnings, engine=args.engine)
    print(as_json(report) if args.format == "json" else as_text(report))
    return 0 if report.conforms else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check data against the shapes and the saved checks",
        description="Validate Turtle files (default: every curated file under data/) against ontology/shapes.ttl, "
        "the recommendations (warnings, never failing) and the queries in queries/checks/. Exit 1 on violations.",
    )
    parser.add_argument("paths", nargs="*", help="Turtle files or directories (default: data/)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="report format (default: text)")
    parser.add_argument("--no-warnings", action="store_true", help="skip the recommendations")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="sparql: shapes compiled to SPARQL on the embedded store (fast, default); "
        "pyshacl: the reference implementation on an rdflib graph (slow at scale)",
    )
    parser.set_defaults(func=run)

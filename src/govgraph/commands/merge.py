"""`govgraph merge DRAFT`: validate a reviewed draft and move it into data/."""

import argparse
import sys

from ..ingest import MergeRefused, UnresolvedCandidates, merge_draft
from ..report import as_text


def run(args: argparse.Namespace) -> int:
    try:
        result = merge_draft(args.draft, force=args.force, keep_candidates=args.keep_candidates)
    except UnresolvedCandidates as unresolved:
        for iri, label in unresolved.candidates:
            print(f"candidate {iri}  {label!r}")
        print(f"govgraph: merge refused: {unresolved}")
        return 1
    except MergeRefused as refused:
        print(as_text(refused.report))
        print(f"govgraph: merge refused: {refused}", file=sys.stderr)
        return 1
    warnings = len(result.report.warnings)
    print(f"merged into {result.statements_file} (source text {result.source_file}); {warnings} warning(s)")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="validate a reviewed draft and move it into data/statements/",
        description="Validate a draft written by `govgraph ingest` against the shapes with the reference data; if it "
        "conforms, move it into data/statements/ and its source text into data/sources/ (atomically). "
        "On violations, or while candidate entities are unresolved, nothing moves and the reason is printed (exit 1).",
    )
    parser.add_argument("draft", help="the draft Turtle file (e.g. data/drafts/<id>.ttl)")
    parser.add_argument("--force", action="store_true", help="replace data/statements/<id>.ttl if it exists")
    parser.add_argument(
        "--keep-candidates",
        dest="keep_candidates",
        action="store_true",
        help="merge even though candidate entities are left unresolved (they stay gg:CandidateEntity, a warning)",
    )
    parser.set_defaults(func=run)

"""`govgraph ingest FILE`: extract candidate statements into a Turtle draft for review."""

import argparse

from ..ingest import extract, review_table, write_draft


def run(args: argparse.Namespace) -> int:
    extraction = extract(
        args.file,
        doc_id=args.id,
        title=args.title,
        date=args.date,
        publisher=args.publisher,
        part_of=args.part_of,
        segmenter=args.segmenter,
        speaker=args.speaker,
    )
    out = write_draft(extraction, args.out)
    if args.report:
        print(review_table(extraction))
    commitments = sum(1 for s in extraction.statements if s.commitment)
    print(f"wrote {out}: {len(extraction.statements)} statements ({commitments} commitments); review it, then `govgraph merge {out}`")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="extract candidate statements from a .txt, .md or .html file into a draft",
        description="Read a communiqué or action plan (.txt, .md, .html), drop page chrome, find the authors' statements, "
        "classify their acts, decide which are commitments, link named entities to the reference data and write a "
        "Turtle draft with provenance (source hash, offsets, extractor version, confidence) for review.",
    )
    parser.add_argument("file", help="the source document (.txt, .md or .html)")
    parser.add_argument("--id", help="document id, used in every IRI (default: the file name without extension)")
    parser.add_argument("--title", help="document title (default: the page title or first heading)")
    parser.add_argument("--date", help="publication date, YYYY-MM-DD")
    parser.add_argument("--publisher", help="publisher: an actor's label, slug or IRI from the reference data")
    parser.add_argument("--part-of", dest="part_of", help="the document this one belongs to: slug, doc:slug or IRI")
    parser.add_argument("--speaker", default="actor:g7", help='who "we" are: an actor label, slug or IRI (default: actor:g7)')
    parser.add_argument("--out", help="where to write the draft (default: data/drafts/<id>.ttl)")
    parser.add_argument("--report", action="store_true", help="print a review table of the extracted statements")
    parser.add_argument("--segmenter", choices=["rules", "pysbd"], default="rules", help="sentence splitter (default: rules)")
    parser.set_defaults(func=run)

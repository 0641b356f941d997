"""`govgraph ingest FILE`: extract candidate statements into a Turtle draft for review."""

import argparse

from ..ingest import DEFAULT_MAX_BYTES, extract_stream, write_draft
from ..ingest.fetch import DEFAULT_TIMEOUT, fetch_to_sources, is_url
from ..progress import stderr_progress


def run(args: argparse.Namespace) -> int:
    path, retrieval = args.file, None
    if is_url(args.file):
        path, retrieval = fetch_to_sources(args.file, args.id, timeout=args.timeout, max_bytes=args.max_bytes)
        print(f"fetched {args.file} into {path}")
    stream = extract_stream(
        path,
        doc_id=args.id,
        title=args.title,
        date=args.date,
        publisher=args.publisher,
        part_of=args.part_of,
        segmenter=args.segmenter,
        speaker=args.speaker,
        max_bytes=args.max_bytes,
    )
    if args.report:  # the table needs every statement; without it they stream to the draft
        from ..ingest.review import review_table

        extraction = stream.collect()
        out = write_draft(extraction, args.out, progress=stderr_progress, retrieval=retrieval)
        print(review_table(extraction))
    else:
        out = write_draft(stream, args.out, progress=stderr_progress, retrieval=retrieval)
    print(
        f"wrote {out}: {stream.statements} statements ({stream.commitments} commitments); review it, then `govgraph merge {out}`"
    )
    return 0


def _byte_count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of bytes")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="extract candidate statements from a .txt, .md, .html or .pdf file, or a URL, into a draft",
        description="Read a communiqué or action plan (.txt, .md, .html), drop page chrome, find the authors' statements, "
        "classify their acts, decide which are commitments, link named entities to the reference data and write a "
        "Turtle draft with provenance (source hash, offsets, extractor version, confidence) for review.",
    )
    parser.add_argument("file", help="the source document (.txt, .md or .html), or an http(s) URL to fetch into data/sources/")
    parser.add_argument("--id", help="document id, used in every IRI (default: the file name without extension)")
    parser.add_argument("--title", help="document title (default: the page title or first heading)")
    parser.add_argument("--date", help="publication date, YYYY-MM-DD")
    parser.add_argument("--publisher", help="publisher: an actor's label, slug or IRI from the reference data")
    parser.add_argument("--part-of", dest="part_of", help="the document this one belongs to: slug, doc:slug or IRI")
    parser.add_argument("--speaker", default="actor:g7", help='who "we" are: an actor label, slug or IRI (default: actor:g7)')
    parser.add_argument("--out", help="where to write the draft (default: data/drafts/<id>.ttl)")
    parser.add_argument("--report", action="store_true", help="print a review table of the extracted statements")
    parser.add_argument(
        "--max-bytes",
        dest="max_bytes",
        type=_byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse a file larger than this many bytes (default: {DEFAULT_MAX_BYTES}, {DEFAULT_MAX_BYTES // 2**20} MiB)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"for a URL: seconds to wait for the server (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument("--segmenter", choices=["rules", "pysbd"], default="rules", help="sentence splitter (default: rules)")
    parser.set_defaults(func=run)

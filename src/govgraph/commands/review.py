"""`govgraph review DRAFT`: print a draft's review table, or change it and print it again."""

import argparse

from ..ingest.review import draft_table
from ..ingest.revise import Draft

_YES_NO = {"yes": True, "no": False}


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not of the form ID=VALUE")
    return key.strip(), value.strip()


def _create(text: str) -> tuple[str, str | None]:
    """CANDIDATE=CLASS, or CANDIDATE alone for the class the extractor proposed."""
    return _pair(text) if "=" in text else (text.strip(), None)


def _span(text: str) -> tuple[str, tuple[int, int]]:
    key, value = _pair(text)
    start, sep, end = value.partition(":")
    if not (sep and start.isdigit() and end.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r}: the span is START:END, two character offsets")
    return key, (int(start), int(end))


def _commitment(text: str) -> tuple[str, bool]:
    key, value = _pair(text)
    if value.lower() not in _YES_NO:
        raise argparse.ArgumentTypeError(f"{text!r}: a commitment decision is yes or no")
    return key, _YES_NO[value.lower()]


def run(args: argparse.Namespace) -> int:
    draft = Draft(args.draft)
    for ident, (start, end) in args.span:
        draft.set_span(ident, start, end)
    for ident, kind in args.act:
        draft.set_act(ident, kind)
    for ident, commitment in args.commitment:
        draft.set_commitment(ident, commitment)
    for ident, target in args.link:
        draft.link(ident, target)
    for ident, target in args.resolve:
        draft.resolve(ident, target)
    for ident, label in args.name:
        draft.rename(ident, label)
    for ident, cls in args.create:
        draft.create(ident, cls)
    for ident in args.accept:
        draft.accept(ident)
    for ident in args.reject:
        draft.reject(ident)
    changes = sum(
        map(
            len, (args.span, args.act, args.commitment, args.link, args.resolve, args.name, args.create, args.accept, args.reject)
        )
    )
    if changes:
        draft.save()
        print(f"saved {changes} change(s) to {draft.path}")
    print(draft_table(draft, None if args.no_validate else draft.validate()))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="print a draft's review table; accept, reject or correct its statements and resolve its candidates",
        description="Print the review table of a draft written by `govgraph ingest`, with its validation status. "
        "The options change the draft (every option may be repeated; all are applied, then the draft is written "
        "back in one atomic step, or not at all if any fails). ID is a statement's id as the table shows it, "
        "CANDIDATE a candidate's id, IRI an IRI, prefixed name or label from the reference data.",
    )
    parser.add_argument("draft", help="the draft Turtle file (e.g. data/drafts/<id>.ttl)")
    add = lambda flag, metavar, kind, text: parser.add_argument(  # noqa: E731
        flag, action="append", default=[], type=kind, metavar=metavar, help=text
    )
    add("--accept", "ID", str, "accept a statement as extracted (its confidence becomes 1.0)")
    add("--reject", "ID", str, "remove a statement (its paragraph is kept)")
    add("--act", "ID=KIND", _pair, "change the kind of act (commit, welcome, recognise…)")
    add("--commitment", "ID=yes|no", _commitment, "decide whether the statement is a commitment")
    add("--span", "ID=START:END", _span, "new offsets in the source text; the quote is cut again from it")
    add("--resolve", "CANDIDATE=IRI", _pair, "the candidate is this existing reference entity")
    add("--name", "CANDIDATE=LABEL", _pair, "give the candidate a better name (before --create)")
    add(
        "--create",
        "CANDIDATE[=CLASS]",
        _create,
        "make the candidate a new entity of this ontology class (Organisation…); by default the class the extractor proposed",
    )
    add("--link", "ID=IRI", _pair, "the statement also names this reference entity")
    parser.add_argument("--no-validate", dest="no_validate", action="store_true", help="skip the validation status")
    parser.set_defaults(func=run)

"""Tables for a person to review: of an extraction as it is made, and of a draft under review."""

from __future__ import annotations

from rdflib import URIRef

from ..terms import short
from ..validate import ValidationReport
from .extract import Extraction
from .revise import Draft

COLUMNS = ("para", "clause", "act", "commit?", "conf", "entities", "quote", "why")


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("/", 1)[-1] if "/candidate/" not in text else "?" + text.rsplit("/", 1)[-1]


def _excerpt(quote: str, width: int) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= width else quote[: width - 1] + "…"


def review_rows(extraction: Extraction, quote_width: int = 60) -> list[tuple[str, ...]]:
    """One row per statement: paragraph, sentence.clause, act, commitment, confidence, entities
    (vague times quoted), quote, and the rule that decided the commitment (why)."""
    rows: list[tuple[str, ...]] = []
    for s in extraction.statements:
        entities = [_short(target) for _, target in s.links]
        entities += [f"{year}" for year in s.years]
        entities += [f"{str(rel).rsplit('#', 1)[-1]}→{_short(target)}" for rel, target in s.lineage]
        lineage_targets = {t for _, t in s.lineage}
        entities += [_short(c.iri) for c in s.candidates if c.iri not in lineage_targets]
        entities += [f'"{time}"' for time in s.vague_times]
        rows.append(
            (
                str(s.paragraph),
                f"{s.sentence}.{s.clause}",
                s.kind,
                "yes" if s.commitment else "no",
                f"{s.confidence:.2f}",
                ", ".join(entities) or "-",
                _excerpt(s.quote, quote_width),
                s.rule,
            )
        )
    return rows


def review_table(extraction: Extraction, quote_width: int = 60, entity_width: int = 60) -> str:
    """The review table as aligned plain text, with a summary line; "?name" marks a candidate entity."""
    rows = [
        tuple(_excerpt(c, entity_width) if i == 5 else c for i, c in enumerate(r)) for r in review_rows(extraction, quote_width)
    ]
    out = _aligned(COLUMNS, rows)
    commitments = sum(1 for s in extraction.statements if s.commitment)
    candidates = {c.iri for s in extraction.statements for c in s.candidates}
    out.append("")
    out.append(
        f"{len(extraction.statements)} statements ({commitments} commitments) in {len(extraction.paragraphs)} paragraphs; "
        f"{len(candidates)} candidate entities (marked ?) to review"
    )
    return "\n".join(out)


DRAFT_COLUMNS = ("id", "para", "act", "commit?", "ok?", "conf", "entities", "quote", "why")


def draft_rows(draft: Draft, quote_width: int = 60) -> list[tuple[str, ...]]:
    """One row per statement of a draft under review: id, paragraph, act, commitment, accepted,
    confidence, links (vague times quoted), quote, and why the extractor decided the commitment."""
    rows: list[tuple[str, ...]] = []
    for s in draft.statements():
        entities = [("?" + link.iri.rsplit("/", 1)[-1]) if link.candidate else short(link.iri) for link in s.links]
        entities += [f'"{time}"' for time in s.vague_times]
        rows.append(
            (
                s.id,
                str(s.paragraph),
                s.kind,
                "yes" if s.commitment else "no",
                "yes" if s.accepted else "-",
                f"{s.confidence:.2f}" if s.confidence is not None else "-",
                ", ".join(entities) or "-",
                _excerpt(s.quote, quote_width),
                s.rule or "-",
            )
        )
    return rows


def draft_table(draft: Draft, report: ValidationReport | None = None, quote_width: int = 60, entity_width: int = 60) -> str:
    """The review table of a draft, its statement-free paragraphs, its candidates and (if given) its validation status."""
    rows = [tuple(_excerpt(c, entity_width) if i == 6 else c for i, c in enumerate(r)) for r in draft_rows(draft, quote_width)]
    out = _aligned(DRAFT_COLUMNS, rows)
    statements = draft.statements()
    empty = [p.number for p in draft.paragraphs() if not any(s.paragraph == p.number for s in statements)]
    out.append("")
    if empty:
        out.append("paragraphs without statement: " + ", ".join(map(str, empty)))
    for candidate in draft.candidates():
        kind = f" ({candidate.cls}, proposed)" if candidate.cls else ""
        out.append(
            f"candidate {candidate.id}: {' '.join(candidate.label.split())!r}{kind} (resolve it to an entity, or create it)"
        )
    accepted = sum(1 for s in statements if s.accepted)
    out.append(
        f"{len(statements)} statements ({sum(1 for s in statements if s.commitment)} commitments, {accepted} accepted); "
        f"{len(draft.candidates())} candidate entities unresolved"
    )
    if report is not None:
        out.append(validation_status(report))
    return "\n".join(out)


def validation_status(report: ValidationReport) -> str:
    """Whether the draft would merge, as `govgraph merge` checks it: one line, then each violation."""
    if report.conforms:
        return f"validation: conforms ({len(report.warnings)} warning(s))"
    lines = [f"validation: {len(report.violations)} violation(s), {len(report.warnings)} warning(s): `govgraph merge` refuses it"]
    lines += [f"  {short(f.focus)}: {f.message}" for f in report.violations]
    return "\n".join(lines)


def _aligned(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(headers), line(tuple("-" * w for w in widths))] + [line(r) for r in rows]

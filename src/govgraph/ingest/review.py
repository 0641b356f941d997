"""A table of an extraction for a person to review: one row per statement."""

from __future__ import annotations

from rdflib import URIRef

from .extract import Extraction

COLUMNS = ("para", "clause", "act", "commit?", "conf", "entities", "quote")


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("/", 1)[-1] if "/candidate/" not in text else "?" + text.rsplit("/", 1)[-1]


def _excerpt(quote: str, width: int) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= width else quote[: width - 1] + "…"


def review_rows(extraction: Extraction, quote_width: int = 60) -> list[tuple[str, ...]]:
    """One row per statement: paragraph, sentence.clause, act, commitment, confidence, entities, quote."""
    rows: list[tuple[str, ...]] = []
    for s in extraction.statements:
        entities = [_short(target) for _, target in s.links]
        entities += [f"{year}" for year in s.years]
        entities += [f"{str(rel).rsplit('#', 1)[-1]}→{_short(target)}" for rel, target in s.lineage]
        lineage_targets = {t for _, t in s.lineage}
        entities += [_short(c.iri) for c in s.candidates if c.iri not in lineage_targets]
        rows.append(
            (
                str(s.paragraph),
                f"{s.sentence}.{s.clause}",
                s.kind,
                "yes" if s.commitment else "no",
                f"{s.confidence:.2f}",
                ", ".join(entities) or "-",
                _excerpt(s.quote, quote_width),
            )
        )
    return rows


def review_table(extraction: Extraction, quote_width: int = 60, entity_width: int = 60) -> str:
    """The review table as aligned plain text, with a summary line; "?name" marks a candidate entity."""
    rows = [
        tuple(_excerpt(c, entity_width) if i == 5 else c for i, c in enumerate(r)) for r in review_rows(extraction, quote_width)
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(COLUMNS)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(COLUMNS), line(tuple("-" * w for w in widths))]
    out += [line(r) for r in rows]
    commitments = sum(1 for s in extraction.statements if s.commitment)
    candidates = {c.iri for s in extraction.statements for c in s.candidates}
    out.append("")
    out.append(
        f"{len(extraction.statements)} statements ({commitments} commitments) in {len(extraction.paragraphs)} paragraphs; "
        f"{len(candidates)} candidate entities (marked ?) to review"
    )
    return "\n".join(out)

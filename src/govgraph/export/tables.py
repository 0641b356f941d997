"""CSV: one flat table per main class, for spreadsheet users.

Each row is one resource: its IRI and label first, then one column per property used by
that class (named by the JSON-LD context's short key). Links get a second column with the
linked resource's label. Several values share one cell, joined with `` | ``. Files are
UTF-8 with a byte-order mark so that spreadsheet programs detect the encoding.
"""

from collections import defaultdict

import pyoxigraph as ox

from .. import csv_text, vocabulary
from ..namespaces import GG, RDF, RDFS
from .canonical import union
from .jsonld import compactor, load_context

#: A subject or object; pyoxigraph types allow RDF 1.2 quoted triples, which govgraph's graphs do not hold.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

SEPARATOR = " | "
#: File stem and class; a resource is in a table when it has the class or a subclass of it. The counted
#: classes (`vocabulary.COUNTED`; commitments are the statements table's column), then three more.
TABLES: list[tuple[str, str]] = [(c.key.replace(" ", "-"), c.cls) for c in vocabulary.COUNTED if c.cls != str(GG.Commitment)] + [
    ("paragraphs", str(GG.Paragraph)),
    ("act-kinds", str(GG.ActKind)),
    ("places", str(GG.Place)),
]
#: Columns spreadsheet readers look for first; the rest follow alphabetically.
PREFERRED = [
    "quote",
    "actKind",
    "madeBy",
    "forum",
    "meeting",
    "initiative",
    "namedActor",
    "stakeholder",
    "targetGroup",
    "region",
    "theme",
    "targetTime",
    "altLabel",
    "definition",
    "title",
    "date",
    "source",
    "inParagraph",
    "sentence",
    "clause",
    "startOffset",
    "endOffset",
]
_TYPE, _LABEL, _SUBCLASS = str(RDF.type), str(RDFS.label), str(RDFS.subClassOf)


def _hierarchy(triples: list[ox.Quad]) -> dict[str, set[str]]:
    """Each class's direct subclasses by rdfs:subClassOf, in the ontology or in the data."""
    children = {parent: set(kids) for parent, kids in vocabulary.load().children.items()}
    for t in triples:
        if t.predicate.value == _SUBCLASS and isinstance(t.object, ox.NamedNode):
            children.setdefault(t.object.value, set()).add(t.subject.value)  # type: ignore[union-attr]  # no quoted triples
    return children


def build_tables(triples: list[ox.Quad]) -> dict[str, list[list[str]]]:
    """Table name → rows (header first) for canonical `triples`: each distinct triple once, as a quad carrying it.

    Quads, not Triple objects: the union's carriers (`canonical.union`) are already made, while a
    million Triple objects cost seconds to make and hundreds of MB to hold.
    """
    compact = compactor(load_context())
    by_subject: dict[Term, list[ox.Quad]] = defaultdict(list)
    labels: dict[Term, str] = {}
    types: dict[ox.NamedNode, set[str]] = defaultdict(set)
    for t in triples:
        by_subject[t.subject].append(t)
        if t.predicate.value == _TYPE and isinstance(t.subject, ox.NamedNode):
            types[t.subject].add(t.object.value)  # type: ignore[union-attr]  # no quoted triples
        if t.predicate.value == _LABEL and t.subject not in labels:
            labels[t.subject] = t.object.value  # type: ignore[union-attr]  # no quoted triples

    def text(term: Term) -> str:
        if isinstance(term, ox.NamedNode):
            return term.value
        if isinstance(term, ox.Literal):
            return term.value
        # A blank node (a target year…): its label, else its literal values.
        return labels.get(term) or " ".join(t.object.value for t in by_subject[term] if isinstance(t.object, ox.Literal))

    tables: dict[str, list[list[str]]] = {}
    children = _hierarchy(triples)
    for name, root in TABLES:
        classes = vocabulary.below(root, children)
        members = [s for s, its in types.items() if not classes.isdisjoint(its)]
        if not members:
            continue
        columns: dict[str, bool] = {}  # key → whether the values are links (gets a label column)
        for s in members:
            for t in by_subject[s]:
                if t.predicate.value in (_TYPE, _LABEL):
                    continue
                key = compact.key(t.predicate.value)[0]
                columns[key] = columns.get(key, False) or isinstance(t.object, ox.NamedNode)
        header = ["id", "label", "type"] + (["commitment"] if name == "statements" else [])
        for key in sorted(columns, key=lambda k: (PREFERRED.index(k) if k in PREFERRED else len(PREFERRED), k)):
            header += [key, f"{key} label"] if columns[key] else [key]
        rows = [header]
        for s in members:
            cells: dict[str, list[str]] = defaultdict(list)
            for t in by_subject[s]:
                if t.predicate.value == _TYPE:
                    cells["type"].append(compact.classes.get(t.object.value, compact.curie(t.object.value)))  # type: ignore[union-attr]  # no quoted triples
                elif t.predicate.value == _LABEL:
                    cells["label"].append(t.object.value)  # type: ignore[union-attr]  # no quoted triples
                else:
                    key = compact.key(t.predicate.value)[0]
                    cells[key].append(text(t.object))
                    if columns[key]:
                        cells[f"{key} label"].append(labels.get(t.object, "") if isinstance(t.object, ox.NamedNode) else "")
            cells["id"] = [s.value]
            if name == "statements":
                cells["commitment"] = ["yes" if "Commitment" in cells["type"] else "no"]
            rows.append([SEPARATOR.join(cells.get(column, [])) for column in header])
        tables[name] = [header] + sorted(rows[1:])
    return tables


def to_csv(rows: list[list[str]]) -> bytes:
    """CSV bytes (RFC 4180 line ends, UTF-8 with BOM)."""
    return csv_text.write(rows).encode("utf-8-sig")


def csv_files(quads: list[ox.Quad]) -> dict[str, bytes]:
    """File name (under csv/) → bytes, one file per main class present in the data."""
    return {f"{name}.csv": to_csv(rows) for name, rows in build_tables(union(quads).carriers).items()}

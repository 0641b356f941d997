"""`govgraph site`: a static linked-data site, one HTML page per resource with Turtle and JSON-LD twins.

Paths mirror the IRIs: https://w3id.org/govgraph/id/forum/igf is id/forum/igf.html, .ttl and
.jsonld under the output folder, so a web server can map each IRI to its files by content
negotiation (see the README). Every text is escaped; a label holding <script> shows as text.
"""

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .. import paths
from ..atomic import replaced_folder
from ..confine import Folder
from ..errors import GovgraphError
from ..export import jsonld, rdf
from ..export.canonical import Triples, canonical_part, union
from ..namespaces import RDF, RDFS
from ..source import GraphSource
from ..terms import short
from .html import esc, link, local_path, page
from .ontology import ontology_page

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
#: Links kept made (`Site.link`); the store starts afresh when full.
_KEPT_LINKS = 1 << 18
#: A subject or object; pyoxigraph types allow RDF 1.2 quoted triples, which govgraph's graphs do not hold.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class Site:
    """The graph indexed for page writing: triples by subject and by object, and labels."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.by_subject: dict[Term, list[ox.Triple]] = defaultdict(list)
        self.by_object: dict[str, list[ox.Triple]] = defaultdict(list)
        self.labels: dict[str, str] = {}
        #: Given a canonical union, where each subject's run of triples starts in it (`description_part`).
        self.union = triples if isinstance(triples, Triples) else None
        self._first: dict[Term, int] = {}
        for position, t in enumerate(triples):
            if t.subject not in self.by_subject:
                self._first[t.subject] = position
            self.by_subject[t.subject].append(t)
            if isinstance(t.object, ox.NamedNode):
                self.by_object[t.object.value].append(t)
            if (
                t.predicate.value == _LABEL
                and isinstance(t.subject, ox.NamedNode)
                and (t.subject.value not in self.labels or getattr(t.object, "language", None) == "en")
            ):
                self.labels.setdefault(t.subject.value, t.object.value)  # type: ignore[union-attr]  # no quoted triples
        self.resources = sorted(
            s.value
            for s in self.by_subject
            if isinstance(s, ox.NamedNode) and (at := local_path(s.value)) and not at.startswith("ontology")
        )
        self.pages = set(self.resources)
        self._shown: dict[str, str] = {}
        self._links: dict[tuple[str, str, bool], str] = {}

    def link(self, iri: str, from_page: str, to_pages_only: bool = True) -> str:
        """`html.link` to `iri` with its label from `from_page`, made once per folder (its pages link alike).

        `to_pages_only`: a govgraph IRI without a page of this site is shown, not linked.
        """
        key = (iri, from_page.rpartition("/")[0], to_pages_only)
        found = self._links.get(key)
        if found is None:
            if len(self._links) >= _KEPT_LINKS:
                self._links.clear()
            found = self._links[key] = link(iri, self.labels.get(iri), from_page, self.pages if to_pages_only else None)
        return found

    def label(self, iri: str) -> str:
        shown = self._shown.get(iri)
        if shown is None:
            shown = self._shown[iri] = self.labels[iri] if iri in self.labels else short(iri)
        return shown

    def description(self, iri: str) -> list[ox.Triple]:
        """The resource's triples, its blank nodes' triples, and the labels of what it links to."""
        return [t for _, t in self._described(iri)]

    def description_part(self, iri: str) -> Triples:
        """`description(iri)` as canonical triples, cut by position from the union the site was made from.

        The union is sorted and distinct, so its positions in order are the part's canonical order:
        nothing is sorted on text or made into a quad.
        """
        if self.union is None:
            return union(canonical_part(self.description(iri)))
        carriers = self.union.carriers
        return Triples([carriers[position] for position in sorted({position for position, _ in self._described(iri)})])

    def _described(self, iri: str) -> list[tuple[int, ox.Triple]]:
        """`description`'s triples, each with its position in the triples the site was made from (runs of a sorted union)."""
        found: list[tuple[int, ox.Triple]] = []
        seen: set[ox.BlankNode] = set()
        stack: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
        while stack:
            subject = stack.pop()
            first = self._first.get(subject, 0)
            for offset, t in enumerate(self.by_subject.get(subject, [])):
                found.append((first + offset, t))
                if isinstance(t.object, ox.BlankNode) and t.object not in seen:
                    seen.add(t.object)
                    stack.append(t.object)
        linked = {t.object.value for _, t in found if isinstance(t.object, ox.NamedNode) and t.predicate.value != _TYPE}
        for other in sorted(linked - {iri}):
            node = ox.NamedNode(other)
            first = self._first.get(node, 0)
            found += [
                (first + offset, t) for offset, t in enumerate(self.by_subject.get(node, [])) if t.predicate.value == _LABEL
            ]
        return found

    def value_html(self, term: Term, from_page: str, depth: int = 0) -> str:
        if isinstance(term, ox.NamedNode):
            return self.link(term.value, from_page)
        if isinstance(term, ox.Literal):
            lang = f' <span class="lang">@{esc(term.language)}</span>' if term.language else ""
            if not term.language and not term.datatype.value.endswith("#string"):
                lang = f' <span class="lang">{esc(short(term.datatype.value))}</span>'
            text = esc(term.value)
            return (f"<blockquote>{text}</blockquote>" if "\n" in term.value or len(term.value) > 120 else text) + lang
        if depth > 3:
            return "…"
        rows = self.rows_html(self.by_subject.get(term, []), from_page, depth + 1)
        return f"<table>{rows}</table>"

    def rows_html(self, triples: list[ox.Triple], from_page: str, depth: int = 0) -> str:
        grouped: dict[str, list[Term]] = defaultdict(list)
        for t in triples:
            grouped[t.predicate.value].append(t.object)
        out = []
        for predicate in sorted(grouped, key=lambda p: (p != _TYPE, p != _LABEL, self.label(p).lower())):
            values = "<br>".join(self.value_html(v, from_page, depth) for v in grouped[predicate])
            out.append(f"<tr><th>{self.link(predicate, from_page, to_pages_only=False)}</th><td>{values}</td></tr>")
        return "\n".join(out)

    def resource_page(self, iri: str) -> str:
        path = local_path(iri)
        if path is None:
            raise GovgraphError(f"{iri} is not a page of this site")
        name = path.rsplit("/", 1)[-1]
        head = (
            f'<link rel="alternate" type="text/turtle" href="{esc(name)}.ttl">\n'
            f'<link rel="alternate" type="application/ld+json" href="{esc(name)}.jsonld">\n'
        )
        body = [
            f'<p class="iri">{esc(iri)}</p>',
            f'<p>Also as <a href="{esc(name)}.ttl">Turtle</a> and <a href="{esc(name)}.jsonld">JSON-LD</a>.</p>',
            f"<table>\n{self.rows_html(self.by_subject[ox.NamedNode(iri)], path)}\n</table>",
        ]
        incoming = sorted(
            {
                (self.label(t.subject.value).lower(), t.subject.value, t.predicate.value)
                for t in self.by_object.get(iri, [])
                if isinstance(t.subject, ox.NamedNode) and t.predicate.value != _TYPE
            }
        )
        if incoming:
            items = "\n".join(
                f"<li>{self.link(s, path)} <span class='lang'>({esc(self.label(p))})</span></li>" for _, s, p in incoming
            )
            body.append(f"<h2>Referred to by</h2>\n<ul>\n{items}\n</ul>")
        return page(self.label(iri), "\n".join(body), path, head)

    def index_page(self) -> str:
        groups: dict[str, list[str]] = defaultdict(list)
        for iri in self.resources:
            types = sorted(self.label(t.object.value) for t in self.by_subject[ox.NamedNode(iri)] if t.predicate.value == _TYPE)  # type: ignore[union-attr]  # no quoted triples
            groups[types[0] if types else "other"].append(iri)
        body = [
            "<p>Every resource of the govgraph knowledge graph, by class. Each page has Turtle and "
            'JSON-LD alternates; the <a href="ontology/index.html">ontology</a> documents the terms.</p>'
        ]
        for group in sorted(groups, key=str.lower):
            items = "\n".join(
                f"<li>{link(i, self.labels.get(i), 'index')}</li>"
                for i in sorted(groups[group], key=lambda i: (self.label(i).lower(), i))
            )
            body.append(f"<h2>{esc(group)} ({len(groups[group])})</h2>\n<ul>\n{items}\n</ul>")
        return page("govgraph: digital-governance commitments", "\n".join(body), "index")


def build_site(out_dir: Path, quads: list[ox.Quad] | None = None) -> list[Path]:
    """Write the site under `out_dir`, replacing an earlier site as a whole; return the files written.

    Every page is written into a staging folder first, so a failure (a hostile IRI, a kill)
    leaves the earlier site as it was.
    """
    out_dir = Path(out_dir)
    quads = quads if quads is not None else GraphSource.from_files().quads()
    triples = union(quads)
    site = Site(triples)
    written: list[Path] = []
    with replaced_folder(out_dir, marker="index.html") as staging:
        folder = Folder(staging)

        def put(relative: str, data: str | bytes, source: str | None = None) -> None:
            folder.write(relative, data, source)
            written.append(out_dir / relative)

        for iri in site.resources:
            path = local_path(iri)
            # Cut from the canonical graph: sorted once, never canonicalised page by page.
            description = site.description_part(iri)
            put(f"{path}.html", site.resource_page(iri), iri)
            put(f"{path}.ttl", rdf.turtle_of(description), iri)
            put(f"{path}.jsonld", jsonld.dumps(jsonld.build_document(description)), iri)
        put("index.html", site.index_page())
        put("ontology/index.html", ontology_page(triples, site.labels))
        put("ontology/index.ttl", paths.ONTOLOGY_FILE.read_bytes())
        put("context.jsonld", jsonld.CONTEXT_FILE.read_bytes())
    return written

"""`govgraph export`: the graph in every format other registries and tools read.

Every writer takes the same quads and returns bytes; `export` writes each file and then the
DCAT/VoID description of what it wrote into a staging folder, which then replaces `--out` as a
whole: readers never see old and new files mixed, nor a description of other files. Bytes
depend on the data only (canonical blank-node labels, sorted output, a release date that is
not today's).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..atomic import replaced_folder
from ..confine import output_path, write_inside
from ..errors import GovgraphError
from ..progress import Progress, silent
from ..source import GraphSource
from . import graphs, jsonld, rdf, tables
from .canonical import canonical_nquads, canonical_quads, union
from .describe import DEFAULT_DOWNLOAD_BASE, Distribution, dataset_description


@dataclass(frozen=True)
class Format:
    """One export format: where it goes, how it is labelled, and its writer."""

    key: str
    filename: str
    media_type: str
    title: str
    writer: Callable[[list[ox.Quad]], bytes] | None
    spec: str | None = None
    iana: bool = True
    #: The same writer streaming into a file, where there is one: `export` uses it, so no output sits in memory whole.
    stream: rdf.Writer | None = None


FORMATS: dict[str, Format] = {
    f.key: f
    for f in [
        Format(
            "ttl", "govgraph.ttl", "text/turtle", "Turtle", rdf.turtle, "https://www.w3.org/TR/turtle/", stream=rdf.write_turtle
        ),
        Format(
            "nt",
            "govgraph.nt",
            "application/n-triples",
            "N-Triples",
            rdf.ntriples,
            "https://www.w3.org/TR/n-triples/",
            stream=rdf.write_ntriples,
        ),
        Format(
            "nq",
            "govgraph.nq",
            "application/n-quads",
            "N-Quads, one named graph per source document",
            rdf.nquads,
            "https://www.w3.org/TR/n-quads/",
            stream=rdf.write_nquads,
        ),
        Format(
            "trig",
            "govgraph.trig",
            "application/trig",
            "TriG, one named graph per source document",
            rdf.trig,
            "https://www.w3.org/TR/trig/",
            stream=rdf.write_trig,
        ),
        Format(
            "jsonld",
            "govgraph.jsonld",
            "application/ld+json",
            "JSON-LD, statements framed",
            jsonld.jsonld,
            "https://www.w3.org/TR/json-ld11/",
            stream=jsonld.write_jsonld,
        ),
        Format(
            "rdfxml",
            "govgraph.rdf",
            "application/rdf+xml",
            "RDF/XML",
            rdf.rdfxml,
            "https://www.w3.org/TR/rdf-syntax-grammar/",
            stream=rdf.write_rdfxml,
        ),
        Format("csv", "csv/", "text/csv", "CSV table", None, "https://www.rfc-editor.org/rfc/rfc4180"),
        Format(
            "graphml",
            "govgraph.graphml",
            "GraphML",
            "GraphML, commitment–entity network",
            graphs.graphml,
            "http://graphml.graphdrawing.org/specification.html",
            iana=False,
        ),
        Format(
            "gexf", "govgraph.gexf", "GEXF 1.2", "GEXF, commitment–entity network", graphs.gexf, "https://gexf.net/", iana=False
        ),
    ]
}
DESCRIPTION_FILES = ("description.ttl", "description.jsonld")


def parse_formats(values: Iterable[str]) -> list[str]:
    """Format keys from `--format` values (comma- or space-separated, or `all`), in FORMATS order."""
    wanted = {part.strip().lower() for value in values for part in value.split(",") if part.strip()}
    if "all" in wanted:
        return list(FORMATS)
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise GovgraphError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)} or all")
    return [key for key in FORMATS if key in wanted]


def export(
    formats: Iterable[str],
    out_dir: Path,
    quads: list[ox.Quad] | None = None,
    sparql_endpoint: str | None = None,
    download_base: str = DEFAULT_DOWNLOAD_BASE,
    progress: Progress = silent,
) -> list[Path]:
    """Write each format, then description.ttl and .jsonld, replacing `out_dir` as a whole; return the paths written."""
    out_dir = Path(out_dir)
    # Canonicalised once here; every writer and the description reuse it.
    progress("putting the quads in canonical order…")
    quads = canonical_quads(quads if quads is not None else GraphSource.from_files().quads())
    keys = parse_formats(formats)
    written: list[Path] = []
    distributions: list[Distribution] = []
    with replaced_folder(out_dir, marker=DESCRIPTION_FILES[0]) as staging:

        def put(filename: str, data: bytes) -> None:
            write_inside(staging, filename, data)
            written.append(out_dir / filename)

        def stream(filename: str, write: rdf.Writer) -> int:
            with output_path(staging, filename).open("wb") as handle:
                write(quads, handle)
                size = handle.tell()
            written.append(out_dir / filename)
            return size

        for number, key in enumerate(keys, start=1):
            fmt = FORMATS[key]
            progress(f"[{number}/{len(keys)}] writing {fmt.title} ({len(quads)} quads)…")
            if fmt.stream is not None:
                size = stream(fmt.filename, fmt.stream)
                distributions.append(Distribution(key, fmt.filename, size, fmt.media_type, fmt.title, fmt.iana, fmt.spec))
            elif key == "csv":
                for name, data in tables.csv_files(quads).items():
                    put(f"csv/{name}", data)
                    stem = Path(name).stem
                    title = f"{fmt.title}: {stem}"
                    distributions.append(
                        Distribution(f"{key}-{stem}", f"csv/{name}", len(data), fmt.media_type, title, fmt.iana, fmt.spec)
                    )
            elif fmt.writer is not None:
                data = fmt.writer(quads)
                put(fmt.filename, data)
                distributions.append(Distribution(key, fmt.filename, len(data), fmt.media_type, fmt.title, fmt.iana, fmt.spec))
            else:
                raise GovgraphError(f"no writer for the {key} format")
            if key == "jsonld":
                put("context.jsonld", jsonld.CONTEXT_FILE.read_bytes())
        progress("describing the distributions (DCAT, VoID)…")
        description = dataset_description(union(quads), distributions, sparql_endpoint, download_base)
        put("description.ttl", rdf.turtle([ox.Quad(t.subject, t.predicate, t.object) for t in description]))
        put("description.jsonld", jsonld.dumps(jsonld.build_document(description, frame=False)))
    return written


#: The same function under a name that can be re-exported from `govgraph` without hiding this package.
export_dataset = export

__all__ = ["FORMATS", "Format", "canonical_nquads", "export", "export_dataset", "parse_formats"]

"""Merge a reviewed draft into data/: validate it with the reference data, then move it into
data/statements/ and its source text into data/sources/ (both atomically), or refuse.

A candidate entity left in the draft is a name nobody has decided on yet, so it stops the
merge unless the caller keeps candidates on purpose."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from .. import paths
from ..atomic import atomic_path
from ..errors import GovgraphError, InputError
from ..loading import parse_file, to_rdflib
from ..namespaces import GG
from ..validate import ValidationReport, validate


class MergeRefused(GovgraphError):
    """The draft breaks the shapes; `report` holds the findings."""

    def __init__(self, draft: Path, report: ValidationReport) -> None:
        self.report = report
        super().__init__(f"{draft}: {len(report.violations)} violation(s); nothing merged")


class UnresolvedCandidates(GovgraphError):
    """The draft still proposes candidate entities; `candidates` holds (IRI, label) pairs."""

    def __init__(self, draft: Path, candidates: list[tuple[str, str]]) -> None:
        self.candidates = candidates
        super().__init__(
            f"{draft}: {len(candidates)} unresolved candidate entit{'y' if len(candidates) == 1 else 'ies'}; "
            "resolve or create each one (govgraph review), or pass --keep-candidates; nothing merged"
        )


@dataclass(frozen=True)
class MergeResult:
    """Where the draft and its source text went, and the validation report."""

    statements_file: Path
    source_file: Path
    report: ValidationReport


def draft_document(draft: Path, graph: Graph) -> tuple[str, str, str]:
    """The draft's document: its IRI, its source file (relative to data/) and that file's SHA-256."""
    documents = sorted((d for d in graph.subjects(RDF.type, GG.Document) if graph.value(d, GG.sourceFile) is not None), key=str)
    if len(documents) != 1:
        raise InputError(draft, f"a draft describes exactly one document with a gg:sourceFile; found {len(documents)}")
    document = documents[0]
    source = graph.value(document, GG.sourceFile)
    digest = graph.value(document, GG.sha256)
    if not isinstance(source, Literal) or not isinstance(digest, Literal):
        raise InputError(draft, f"{document} needs gg:sourceFile and gg:sha256")
    return str(document), str(source), str(digest)


def unresolved_candidates(graph: Graph) -> list[tuple[str, str]]:
    """The candidate entities a draft still proposes, as (IRI, label), sorted."""
    return sorted((str(node), str(graph.value(node, RDFS.label) or "")) for node in graph.subjects(RDF.type, GG.CandidateEntity))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def find_source(draft: Path, relative: str, digest: str, data_dir: Path) -> tuple[Path, bool]:
    """The cited source text, already in data/ (False) or beside the draft (True, to be copied).

    gg:sourceFile is untrusted: it must name a file inside data/sources/, or the draft is refused.
    """
    try:
        in_data = paths.source_path(relative, data_dir)
    except GovgraphError as error:
        raise InputError(draft, str(error)) from None
    if in_data.is_file():
        if _sha256(in_data) != digest:
            raise InputError(
                in_data, f"exists with another SHA-256 than the draft records ({digest[:12]}…); refusing to overwrite"
            )
        return in_data, False
    for candidate in (draft.parent / Path(relative).name, draft.parent / relative):
        if candidate.is_file() and _sha256(candidate) == digest:
            return candidate, True
    raise InputError(draft, f"source text {relative} (SHA-256 {digest[:12]}…) is neither in data/ nor beside the draft")


def validate_draft(draft: Path | str, data_dir: Path | None = None) -> ValidationReport:
    """Validate a draft together with the curated data it links to (leaving out the curated file
    it would replace); only findings about the draft's own resources are kept."""
    draft = Path(draft)
    data_dir = Path(data_dir or paths.DATA_DIR)
    replaced = (data_dir / "statements" / draft.name).resolve()
    context = [f for f in paths.data_files(data_dir) if f.resolve() not in (replaced, draft.resolve())]
    report = validate(context + [draft], recommendations=True, checks=True)
    mine = [f for f in report.findings if f.file is None or Path(f.file).resolve() == draft.resolve()]
    return ValidationReport(findings=mine, triples=report.triples, files=report.files)


def merge_draft(
    draft: Path | str, *, force: bool = False, keep_candidates: bool = False, data_dir: Path | None = None
) -> MergeResult:
    """Validate `draft` with the ontology and reference data; if it conforms, move it into
    data/statements/ and its source text into data/sources/. Raises UnresolvedCandidates while
    candidate entities are left (unless `keep_candidates`) and MergeRefused on violations."""
    draft = Path(draft)
    data_dir = Path(data_dir or paths.DATA_DIR)
    if not draft.is_file():
        raise InputError(draft, "no such draft")
    graph: Graph = to_rdflib(parse_file(draft))
    _, relative, digest = draft_document(draft, graph)
    candidates = unresolved_candidates(graph)
    if candidates and not keep_candidates:
        raise UnresolvedCandidates(draft, candidates)
    target = data_dir / "statements" / draft.name
    if target.exists() and not force:
        raise InputError(target, "already exists; pass --force to replace it with the draft")
    source, copy = find_source(draft, relative, digest, data_dir)
    report = validate_draft(draft, data_dir)
    if not report.conforms:
        raise MergeRefused(draft, report)
    cited = data_dir / relative
    if copy:
        with atomic_path(cited) as tmp:
            shutil.copyfile(source, tmp)
    with atomic_path(target) as tmp:
        shutil.copyfile(draft, tmp)
    draft.unlink()
    if copy and source.parent == draft.parent and source != cited:
        source.unlink()
    return MergeResult(target, cited, report)

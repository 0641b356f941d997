"""Findings on the shared reference graph name the file that declares their focus node."""

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from govgraph import paths
from govgraph.validate import validate


def test_findings_in_the_reference_graph_name_the_file_that_types_their_focus() -> None:
    declared: dict[str, set[Path]] = {}
    for path in paths.data_files():
        for subject in Graph().parse(path, format="turtle").subjects(RDF.type, None):
            declared.setdefault(str(subject), set()).add(path.resolve())
    report = validate()
    shared = [f for f in report.findings if f.file and Path(f.file).resolve().parent == (paths.DATA_DIR / "reference").resolve()]
    assert {Path(f.file).name for f in shared if f.file} >= {"documents.ttl", "meetings.ttl"}
    for finding in shared:
        assert Path(str(finding.file)).resolve() in declared[finding.focus]

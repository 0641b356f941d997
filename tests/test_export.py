"""`govgraph export`: deterministic bytes, atomic writes, named graphs, CSV tables, DCAT description."""

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.errors import GovgraphError
from govgraph.export import FORMATS, parse_formats

pytest_plugins = ["tests.conftest_export"]
from tests.conftest import run_cli  # noqa: E402
from tests.conftest_export import NETWORK, TRICKY  # noqa: E402

ALWAYS = {"GOVGRAPH_PROGRESS_AFTER": "0"}
NEVER = {"GOVGRAPH_PROGRESS_AFTER": "3600"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bytes_are_the_same_for_any_hash_seed(tmp_path: Path) -> None:
    """Three fresh interpreters with different PYTHONHASHSEED values write identical files."""
    trees = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"seed-{seed}"
        done = run_cli(
            "export", "--format", "all", "--out", str(out), "-i", str(TRICKY), "-i", str(NETWORK), env={"PYTHONHASHSEED": seed}
        )
        assert done.returncode == 0, done.stderr
        trees.append(_tree(out))
    assert len(trees[0]) >= 15
    assert trees[0] == trees[1] == trees[2]


def test_data_bytes_are_the_same_for_any_hash_seed(tmp_path: Path, data_export: Path) -> None:
    out = tmp_path / "again"
    assert run_cli("export", "--format", "all", "--out", str(out), env={"PYTHONHASHSEED": "987"}).returncode == 0
    assert _tree(out) == _tree(data_export)


def test_writes_replace_files_by_rename_and_leave_no_temporaries(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("export", "--format", "ttl", "--out", str(out), "-i", str(TRICKY)).returncode == 0
    before = (out / "govgraph.ttl").stat().st_ino
    assert run_cli("export", "--format", "ttl", "--out", str(out), "-i", str(TRICKY)).returncode == 0
    assert (out / "govgraph.ttl").stat().st_ino != before  # a new file renamed over the old, not rewritten in place
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_progress_goes_to_stderr_one_line_a_format_once_a_run_is_long(tmp_path: Path) -> None:
    """GOVGRAPH_PROGRESS_AFTER=0 makes every run long enough to report; an hour makes none."""
    done = run_cli("export", "--format", "ttl,csv", "--out", str(tmp_path / "out"), "-i", str(TRICKY), env=ALWAYS)
    assert done.returncode == 0
    steps = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [line.split(" (", 1)[0] for line in steps] == ["[1/2] writing Turtle", "[2/2] writing CSV table"]
    assert "writing" not in done.stdout
    quiet = run_cli("export", "--format", "ttl,csv", "--out", str(tmp_path / "out"), "-i", str(TRICKY), env=NEVER)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_bad_input_fails_before_anything_is_written(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("export", "--format", "all", "--out", str(out), "-i", str(broken))
    assert done.returncode == 2
    assert f"{broken}:2" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_format_choice() -> None:
    assert parse_formats(["all"]) == list(FORMATS)
    assert parse_formats(["trig,ttl", "csv"]) == ["ttl", "trig", "csv"]
    with pytest.raises(GovgraphError, match="unknown format xls"):
        parse_formats(["xls"])


def test_nquads_and_trig_keep_one_graph_per_source_document(fixture_export: Path) -> None:
    base = "https://w3id.org/govgraph/graph/"
    expected = {base + "ontology", base + "reference", base + "document/annex4-p1-p5"}
    for name, fmt in (("govgraph.nq", ox.RdfFormat.N_QUADS), ("govgraph.trig", ox.RdfFormat.TRIG)):
        quads = list(ox.parse(path=str(fixture_export / name), format=fmt))
        assert {q.graph_name.value for q in quads} == expected
        in_document = {q.subject.value for q in quads if q.graph_name.value == base + "document/annex4-p1-p5"}
        assert "https://w3id.org/govgraph/id/statement/p5-s2" in in_document


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_has_one_flat_table_per_class_with_labels_beside_links(fixture_export: Path) -> None:
    names = sorted(p.name for p in (fixture_export / "csv").iterdir())
    assert names == ["actors.csv", "forums.csv", "initiatives.csv", "meetings.csv", "stakeholder-groups.csv", "statements.csv"]
    statements = {row["id"].rsplit("/", 1)[-1]: row for row in _csv(fixture_export / "csv" / "statements.csv")}
    # 6 statements in the network fixture + 1 in tricky.ttl
    assert len(statements) == 7
    p5s2 = statements["p5-s2"]
    assert p5s2["commitment"] == "yes" and p5s2["label"] == "P5 S2: pledge"
    assert p5s2["forum label"] == "Global Digital Compact | WSIS+20 Review"
    assert p5s2["forum"] == "https://w3id.org/govgraph/id/forum/gdc | https://w3id.org/govgraph/id/forum/wsis-20"
    assert statements["p5-s3-c2"]["commitment"] == "no"
    assert statements["tricky"]["quote"] == "We “commit” to ça — naïve café\nnext line"
    assert statements["tricky"]["targetTime"] == "2025"
    forums = {row["id"].rsplit("/", 1)[-1]: row for row in _csv(fixture_export / "csv" / "forums.csv")}
    # gg:Process is a subclass of gg:Forum, so processes are in the forums table
    assert set(forums) == {"gdc", "igf", "tricky", "un-digital-cooperation", "wsis-20"}
    assert forums["igf"]["altLabel"] == "IGF | UN IGF"


def test_description_lists_every_distribution_with_its_real_size(fixture_export: Path) -> None:
    graph = list(ox.parse(path=str(fixture_export / "description.ttl"), format=ox.RdfFormat.TURTLE))
    dcat = "http://www.w3.org/ns/dcat#"

    def values(subject: str | None, predicate: str) -> list:
        return [q.object for q in graph if (subject is None or q.subject.value == subject) and q.predicate.value == predicate]

    dataset = "https://w3id.org/govgraph/dataset"
    distributions = [d.value for d in values(dataset, dcat + "distribution")]
    files = [
        p
        for p in fixture_export.rglob("*")
        if p.is_file() and p.name not in ("description.ttl", "description.jsonld", "context.jsonld")
    ]
    assert len(distributions) == len(files) == 14
    for distribution in distributions:
        (url,) = values(distribution, dcat + "downloadURL")
        path = fixture_export / url.value.removeprefix("https://w3id.org/govgraph/dump/")
        (size,) = values(distribution, dcat + "byteSize")
        assert int(size.value) == path.stat().st_size
        assert values(distribution, dcat + "mediaType") or values(distribution, "http://purl.org/dc/terms/format")
    (triples,) = values(dataset, "http://rdfs.org/ns/void#triples")
    written = list(ox.parse(path=str(fixture_export / "govgraph.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert int(triples.value) == len(written) > 300
    (modified,) = values(dataset, "http://purl.org/dc/terms/modified")
    assert modified.value == "2026-11-29"  # from SOURCE_DATE_EPOCH set by run_cli
    assert [c.value for c in values(dataset, "http://purl.org/dc/terms/conformsTo")] == ["https://w3id.org/govgraph/shapes"]
    assert {v.value for v in values(dataset, "http://rdfs.org/ns/void#vocabulary")} >= {
        "https://w3id.org/govgraph/ontology#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2004/02/skos/core#",
    }
    assert values(dataset, "http://rdfs.org/ns/void#exampleResource")
    assert not values(dataset, "http://rdfs.org/ns/void#sparqlEndpoint")


def test_description_names_a_configured_sparql_endpoint(tmp_path: Path) -> None:
    endpoint = "https://example.org/govgraph/sparql"
    assert (
        run_cli("export", "--format", "nt", "--out", str(tmp_path), "--sparql-endpoint", endpoint, "-i", str(TRICKY)).returncode
        == 0
    )
    document = json.loads((tmp_path / "description.jsonld").read_text(encoding="utf-8"))
    (dataset,) = [n for n in document["@graph"] if n["id"] == "https://w3id.org/govgraph/dataset"]
    assert dataset["sparqlEndpoint"] == endpoint
    (service,) = [n for n in document["@graph"] if n.get("type") == "DataService"]
    assert service["endpointURL"] == endpoint and service["servesDataset"] == "https://w3id.org/govgraph/dataset"

"""Every output path stays inside its output folder, whatever the IRI or name it comes from.

`govgraph site` mapped https://w3id.org/govgraph//abs/path to the file /abs/path.html (and .ttl,
.jsonld beside it): a crafted label file could overwrite data/reference/forums.ttl. Now the one
helper `govgraph.confine.output_path` refuses such paths, with one line naming the IRI, and
nothing is written.
"""

from pathlib import Path

import pytest

from govgraph.confine import Folder, output_path
from govgraph.errors import GovgraphError
from govgraph.namespaces import DEFAULT_BASE

from ..conftest import run_cli

HOSTILE_NAMES = [
    "/etc/passwd",
    "../outside",
    "id/../../outside",
    "id/%2e%2e/%2E%2E/outside",
    "id/.%2e/outside",
    "id/a%2f..%2f..%2foutside",
    "id\\..\\..\\outside",
    "id/a\x00b",
    "id/a\nb",
    "id//x",
    "id/./x",
    "",
    "id/" + "a" * 300,
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_output_path_refuses_names_that_could_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(GovgraphError) as caught:
        output_path(tmp_path / "out", name, source="https://example.org/x")
    assert "\n" not in str(caught.value).replace(repr(name), "") and "https://example.org/x" in str(caught.value)


def test_output_path_refuses_a_symbolic_link_inside_the_folder_that_leads_out(tmp_path: Path) -> None:
    root, outside = tmp_path / "out", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "id").symlink_to(outside)
    with pytest.raises(GovgraphError, match="symbolic link"):
        output_path(root, "id/forum.html")
    assert output_path(root, "doc/forum.html") == root / "doc" / "forum.html"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_folder_written_file_after_file_refuses_the_same_names(tmp_path: Path, name: str) -> None:
    root = tmp_path / "out"
    root.mkdir()
    with pytest.raises(GovgraphError) as caught:
        Folder(root).write(name, "x", source="https://example.org/x")
    assert "https://example.org/x" in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["out"] and not any(root.iterdir())


def test_a_folder_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    """A linked folder leading out is refused before anything is made under it; so is a linked file."""
    root, outside = tmp_path / "out", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "id").symlink_to(outside)
    (root / "page.html").symlink_to(outside / "page.html")
    folder = Folder(root)
    with pytest.raises(GovgraphError, match="symbolic link"):
        folder.write("id/forum/igf.html", "x")
    with pytest.raises(GovgraphError, match="symbolic link"):
        folder.write("page.html", "x")
    assert not any(outside.iterdir())
    folder.write("doc/a.html", "<p>a</p>")
    folder.write("doc/b.html", b"b")
    assert (root / "doc" / "a.html").read_text() == "<p>a</p>" and (root / "doc" / "b.html").read_bytes() == b"b"


def _hostile_site_input(tmp_path: Path, iri: str) -> Path:
    data = tmp_path / "hostile.ttl"
    data.write_text(
        f'<{iri}> a <{DEFAULT_BASE}ontology#Forum> ;\n  <http://www.w3.org/2000/01/rdf-schema#label> "Hostile"@en .\n',
        encoding="utf-8",
    )
    return data


def _files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", ["absolute", "dot-dot", "percent-dots", "long-segment"])
def test_site_refuses_an_iri_that_maps_outside_and_writes_nothing(project_copy: Path, tmp_path: Path, kind: str) -> None:
    victim = project_copy / "data" / "reference" / "forums"
    iri = {
        "absolute": DEFAULT_BASE + str(victim),  # https://w3id.org/govgraph//…/data/reference/forums
        "dot-dot": DEFAULT_BASE + "id/../../../../escaped",
        "percent-dots": DEFAULT_BASE + "id/%2e%2e/%2e%2e/%2e%2e/%2e%2e/escaped",
        "long-segment": DEFAULT_BASE + "id/" + "a" * 400,
    }[kind]
    before = _files_under(project_copy)
    out = tmp_path / "site"
    result = run_cli("site", "--input", str(_hostile_site_input(tmp_path, iri)), "--out", str(out), home=project_copy)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and iri in result.stderr
    assert _files_under(project_copy) == before  # forums.ttl untouched, no forums.html beside it
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_site_never_writes_through_a_symbolic_link_in_its_output_folder(project_copy: Path, tmp_path: Path) -> None:
    out, outside = tmp_path / "site", tmp_path / "outside"
    outside.mkdir()
    assert run_cli("site", "--out", str(out), home=project_copy).returncode == 0
    (out / "id" / "forum").rename(tmp_path / "old-forum")
    (out / "id" / "forum").symlink_to(outside)  # someone links a folder of the site elsewhere
    result = run_cli("site", "--out", str(out), home=project_copy)
    assert result.returncode == 0, result.stderr
    assert list(outside.iterdir()) == []
    assert (out / "id" / "forum" / "igf.html").is_file() and not (out / "id" / "forum").is_symlink()


def test_site_and_export_refuse_to_replace_a_folder_they_did_not_write(project_copy: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    for command in (["site"], ["export", "--format", "nt"]):
        result = run_cli(*command, "--out", str(mine), home=project_copy)
        assert result.returncode == 2 and "did not write" in result.stderr, result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_an_output_folder_given_as_a_link_is_replaced_where_it_points(project_copy: Path, tmp_path: Path) -> None:
    served, link = tmp_path / "www" / "dump", tmp_path / "dump"
    served.mkdir(parents=True)
    link.symlink_to(served)
    for formats in (["nt", "ttl"], ["nt"]):
        result = run_cli("export", "--format", *formats, "--out", str(link), home=project_copy)
        assert result.returncode == 0, result.stderr
    assert link.is_symlink() and sorted(p.name for p in served.iterdir()) == [
        "description.jsonld",
        "description.ttl",
        "govgraph.nt",
    ]

"""The entity page reads a statement's source paragraph only from inside data/sources/.

A document's gg:sourceFile comes from the data or from a remote endpoint, so it is hostile input:
an absolute path, a `../` escape or a symlink leading out of the sources folder must not be read.
Each case is a real embedded store and real files; the secret lies outside the sources folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import explore, paths
from govgraph.errors import GovgraphError
from govgraph.store import temporary_store

ID = "https://w3id.org/govgraph/id/"
PARAGRAPH = ID + "paragraph/test-p1"
SECRET = "SECRET-outside-the-sources-folder"
TEXT = "We commit to keep our files where they belong."


def store_citing(source_file: str):
    """A store holding one document citing `source_file`, one paragraph over its first characters, one statement."""
    turtle = f"""
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{ID}document/test> a gg:Document ; gg:sourceFile "{source_file}" .
<{PARAGRAPH}> a gg:Paragraph ; rdfs:label "test ¶1" ; dcterms:isPartOf <{ID}document/test> ;
    gg:startOffset 0 ; gg:endOffset {len(TEXT)} .
<{ID}statement/test-1> gg:inParagraph <{PARAGRAPH}> ; gg:quote "{TEXT}" ; gg:startOffset 0 .
"""
    return temporary_store(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE)))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """data/ with sources/good.txt inside, and the secret beside data/ and in data/ outside sources/."""
    (tmp_path / "data" / "sources").mkdir(parents=True)
    (tmp_path / "data" / "sources" / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET + " " * 60, encoding="utf-8")
    (tmp_path / "data" / "secret.txt").write_text(SECRET + " " * 60, encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", tmp_path / "data" / "sources" / "link.txt")
    return tmp_path / "data"


def test_a_file_inside_the_sources_folder_is_read(data_dir):
    with store_citing("sources/good.txt") as store:
        para = explore.paragraph_text(store, PARAGRAPH, 0, 9, data_dir=data_dir)
    assert para.exact and para.text == TEXT and not para.problem


@pytest.mark.parametrize(
    "hostile",
    ["{tmp}/secret.txt", "sources/../../secret.txt", "../secret.txt", "secret.txt", "sources/link.txt", "sources/../secret.txt"],
)
def test_a_source_file_outside_the_sources_folder_is_not_read(data_dir, hostile):
    hostile = hostile.format(tmp=data_dir.parent)
    with store_citing(hostile) as store:
        para = explore.paragraph_text(store, PARAGRAPH, 0, 9, data_dir=data_dir)
    assert SECRET not in para.text
    assert not para.exact and para.text == TEXT  # rebuilt from the statements instead
    assert "outside" in para.problem and hostile in para.problem  # the page says why


def test_etc_passwd_is_not_read(data_dir):
    with store_citing("/etc/passwd") as store:
        para = explore.paragraph_text(store, PARAGRAPH, 0, 9, data_dir=data_dir)
    assert "root:" not in para.text and "/etc/passwd" in para.problem


@pytest.mark.parametrize("name", ["/etc/passwd", "../x.txt", "sources/../../x", "sources/\0x"])
def test_source_path_refuses_with_one_line(name):
    with pytest.raises(GovgraphError) as refused:
        paths.source_path(name)
    assert "\n" not in str(refused.value)


def test_source_path_resolves_inside_the_sources_folder():
    assert paths.source_path("sources/g7-2023-digital-annex4.txt") == (paths.SOURCES_DIR / "g7-2023-digital-annex4.txt").resolve()


def test_a_symlink_loop_is_refused_with_one_line(data_dir):
    os.symlink(data_dir / "sources" / "loop-b", data_dir / "sources" / "loop-a")
    os.symlink(data_dir / "sources" / "loop-a", data_dir / "sources" / "loop-b")
    with store_citing("sources/loop-a") as store:
        para = explore.paragraph_text(store, PARAGRAPH, 0, 9, data_dir=data_dir)
    assert not para.exact and "sources/loop-a" in para.problem

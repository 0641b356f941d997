"""`govgraph site`: pages, alternates, escaping, links, ontology docs, and the 127.0.0.1 preview."""

import json
import posixpath
import re
import subprocess
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph import paths
from govgraph.export.canonical import canonical_nquads
from govgraph.site.html import _relative_to_folder
from govgraph.site.serve import choose

pytest_plugins = ["tests.conftest_export"]
from tests.conftest import ROOT, SRC, cli_command, run_cli  # noqa: E402
from tests.conftest_export import NETWORK, TRICKY  # noqa: E402


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.alternates: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "link" and attrs.get("rel") == "alternate":
            self.alternates[attrs["type"]] = attrs["href"]
        if "id" in attrs:
            self.ids.add(attrs["id"])


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    done = run_cli("site", "--out", str(out), "-i", str(TRICKY), "-i", str(NETWORK))
    assert done.returncode == 0, done.stderr
    return out


def test_label_with_script_renders_as_text(site: Path) -> None:
    text = (site / "id/forum/tricky.html").read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "<title>Forum &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;friends&quot; · govgraph</title>" in text
    assert "<h1>Forum &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;friends&quot;</h1>" in text
    # The statement linking to it shows the label escaped too.
    assert "&lt;script&gt;" in (site / "id/statement/tricky.html").read_text(encoding="utf-8")


def test_every_page_has_turtle_and_jsonld_alternates_that_agree(site: Path) -> None:
    pages = sorted((site / "id").rglob("*.html"))
    # tricky.ttl has 3 named subjects under id/ (forum, statement, actor); the network fixture has 10
    # entities and 6 statements. The act:* kinds are only objects there, so they get no page.
    assert len(pages) == 3 + 10 + 6
    for page in pages:
        alternates = parsed(page).alternates
        assert alternates == {"text/turtle": page.stem + ".ttl", "application/ld+json": page.stem + ".jsonld"}
        turtle = list(ox.parse(path=str(page.with_suffix(".ttl")), format=ox.RdfFormat.TURTLE))
        from_json = list(ox.parse(path=str(page.with_suffix(".jsonld")), format=ox.RdfFormat.JSON_LD))
        assert canonical_nquads(turtle) == canonical_nquads(set(from_json))
        iri = "https://w3id.org/govgraph/" + str(page.relative_to(site).with_suffix(""))
        assert any(q.subject.value == iri for q in turtle)


def test_internal_links_all_resolve(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        for href in parsed(page).hrefs:
            if href.startswith(("http://", "https://")):
                continue
            target, _, fragment = href.partition("#")
            resolved = (page.parent / target).resolve() if target else page
            assert resolved.is_file(), f"{page.relative_to(site)} links to missing {href}"
            if fragment:
                assert fragment in parsed(resolved).ids, f"{page.relative_to(site)} links to missing anchor {href}"


def test_index_lists_every_resource(site: Path) -> None:
    hrefs = set(parsed(site / "index.html").hrefs)
    pages = {str(p.relative_to(site)) for p in (site / "id").rglob("*.html")}
    assert pages <= hrefs


def test_ontology_documentation_covers_every_term(site: Path) -> None:
    ontology = list(ox.parse(path=str(paths.ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE))
    terms = {
        q.subject.value.rsplit("#", 1)[-1]
        for q in ontology
        if q.subject.value.startswith("https://w3id.org/govgraph/ontology#")
        and q.predicate.value.endswith("#type")
        and q.object.value.rsplit("#", 1)[-1] in ("Class", "ObjectProperty", "DatatypeProperty")
    }
    documented = parsed(site / "ontology/index.html").ids
    assert terms and terms <= documented
    text = (site / "ontology/index.html").read_text(encoding="utf-8")
    assert "A statement that meets the G7 Research Group&#x27;s definition of a commitment" in text


def test_accept_header_choice() -> None:
    assert choose("text/turtle") == ".ttl"
    assert choose("application/ld+json;q=0.9, text/turtle;q=0.5") == ".jsonld"
    assert choose("text/html,application/xhtml+xml,*/*;q=0.8") == ".html"
    assert choose(None) == ".html"
    assert choose("image/png") == ".html"


def test_preview_serves_on_loopback_with_content_negotiation(site: Path) -> None:
    process = subprocess.Popen(
        cli_command("site", "--out", site, "-i", TRICKY, "-i", NETWORK, "--serve", "--port", "0"),
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    )
    try:
        line = ""
        assert process.stdout is not None  # piped
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        base = f"http://127.0.0.1:{found.group(1)}"

        def get(path: str, accept: str | None = None):
            request = urllib.request.Request(base + path, headers={"Accept": accept} if accept else {})
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.headers, response.read()

        headers, body = get("/id/forum/igf", "text/turtle")
        assert headers["Content-Type"].startswith("text/turtle") and headers["Vary"] == "Accept"
        assert any(q.subject.value.endswith("/forum/igf") for q in ox.parse(body, format=ox.RdfFormat.TURTLE))
        headers, body = get("/id/forum/igf", "application/ld+json")
        assert headers["Content-Type"] == "application/ld+json" and json.loads(body)["@graph"]
        headers, body = get("/id/forum/igf", "text/html")
        assert headers["Content-Type"].startswith("text/html") and b"<h1>Internet Governance Forum</h1>" in body
        headers, body = get("/ontology")
        assert b"govgraph ontology" in body
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_curated_data_site_links_resolve(tmp_path: Path) -> None:
    done = run_cli("site", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    pages = sorted(tmp_path.rglob("*.html"))
    statements = [p for p in pages if "/statement/" in str(p)]
    assert len(statements) == 16  # 13 commitments + ¶2.2, ¶3.1, ¶5.3 c2
    for page in pages:
        for href in parsed(page).hrefs:
            if not href.startswith(("http://", "https://")):
                target = href.partition("#")[0]
                assert not target or (page.parent / target).resolve().is_file(), f"{page} links to missing {href}"


def test_links_between_site_paths_are_what_relpath_gives() -> None:
    """Relative links are worked out on the strings (no system call); they must equal `posixpath.relpath`."""
    targets = ["index.html", "id/forum/igf.html", "id/forum/x/y.html", "id/statement/a.html", "ontology/index.html", "id"]
    folders = [".", "id", "id/forum", "id/statement", "ontology", "id/forum/x", "id/forumx", "a/../id"]
    for target in targets:
        for folder in folders:
            assert _relative_to_folder(target, folder) == posixpath.relpath(target, folder), (target, folder)

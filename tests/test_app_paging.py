"""Large results a page at a time: the library fetches one page (LIMIT/OFFSET in a stable order) and counts
with one query; the pages show Previous / Next, the page count, and keep the page in the URL.

The store is the seed grown to four copies of its document (52 commitments, three pages of 20); the failure
test reads a real HTTP server on 127.0.0.1 that answers every query with an error and counts them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from govgraph import explore
from govgraph.source import open_store
from tests.app_fixtures import markdown, ok

pytest_plugins = ["tests.app_fixtures"]

G7 = "https://w3id.org/govgraph/id/actor/g7"
IGF = "https://w3id.org/govgraph/id/forum/igf"


def page_param(at) -> str | None:
    value = at.query_params.get("page")
    page: str | None = value[0] if isinstance(value, list) else value
    return page


def test_pages_cover_every_match_once_in_a_stable_order(grown_store):
    with open_store(location=grown_store) as store:
        assert explore.count(store) == 52
        everything, more = explore.search(store, limit=1000)
        assert len(everything) == 52 and not more
        pages = [explore.search(store, limit=20, offset=offset) for offset in (0, 20, 40)]
        assert [more for _, more in pages] == [True, True, False]
        assert [hit.iri for hits, _ in pages for hit in hits] == [hit.iri for hit in everything]
        assert all(hit.mentions for hits, _ in pages for hit in hits)  # each page's cards are whole


def test_counts_agree_with_the_hits_for_words_facets_and_mentions(grown_store):
    with open_store(location=grown_store) as store:
        for selected, words, mentioning in [({}, "GDC", None), ({"forum": [IGF]}, "", None), ({}, "", G7)]:
            hits, _ = explore.search(store, selected, words, commitments_only=False, mentioning=mentioning, limit=1000)
            assert explore.count(store, selected, words, commitments_only=False, mentioning=mentioning) == len(hits) > 0


def test_commitments_page_next_previous_and_the_page_count(app_page, grown_store):
    at = ok(app_page("commitments", grown_store))
    assert "52 commitments" in markdown(at) and "Page 1 of 3" in markdown(at)
    first = [m.value for m in at.markdown if str(m.value).startswith('<div class="gg-quote">')]
    assert len(first) == 20
    at.button(key="commitments.page.next").click()
    ok(at)
    assert "Page 2 of 3" in markdown(at) and page_param(at) == "2"
    assert [m.value for m in at.markdown if str(m.value).startswith('<div class="gg-quote">')] != first
    at.button(key="commitments.page.previous").click()
    ok(at)
    assert "Page 1 of 3" in markdown(at) and page_param(at) is None


def test_a_link_opens_its_page_and_a_new_filter_starts_at_the_first(app_page, grown_store):
    at = app_page("commitments", grown_store)
    at.query_params["page"] = "3"  # as a shared link commitments?page=3 gives it
    ok(at)
    assert "Page 3 of 3" in markdown(at) and "commitments 41–52 of 52" in markdown(at)
    assert at.button(key="commitments.page.next").disabled
    at.text_input(key="commitments.words").set_value("Internet")
    ok(at)
    assert page_param(at) is None and "Page 3 of" not in markdown(at)


def test_entity_page_lists_the_statements_naming_it_a_page_at_a_time(app_page, grown_store):
    at = ok(app_page("entity", grown_store, iri=G7))
    assert "Page 1 of" in markdown(at)
    at.button(key="entity.page.next").click()
    assert page_param(ok(at)) == "2"


class FailingEndpoint(BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every query with a server error, counting them."""

    queries = 0

    def do_GET(self) -> None:
        type(self).queries += 1
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"out of order")

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def failing_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FailingEndpoint)
    FailingEndpoint.queries = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


def test_a_failed_answer_is_said_once_and_not_asked_again_on_every_render(app_page, seed_store, failing_endpoint):
    at = ok(app_page("commitments", seed_store, endpoint=failing_endpoint))
    assert at.error and any(button.label == "Try again" for button in at.button)
    asked = FailingEndpoint.queries
    assert asked > 0
    ok(at)  # any click reruns the page: the failure is remembered, the server is not asked again
    assert FailingEndpoint.queries == asked and at.error
    next(button for button in at.button if button.label == "Try again").click()
    ok(at)
    assert FailingEndpoint.queries > asked


ANNEX = "https://w3id.org/govgraph/id/document/g7-2023-digital-annex4"


def test_a_document_reads_a_page_of_paragraphs_at_a_time_and_the_pages_make_the_whole(seed_store):
    with open_store(location=seed_store) as store:
        whole = explore.document_text(store, ANNEX)
        assert whole.paragraphs > 2 and len(whole.passages) == 16
        pages = [explore.document_text(store, ANNEX, page=n, size=2) for n in range(1, -(-whole.paragraphs // 2) + 1)]
    assert "".join(page.text for page in pages) == whole.text
    assert [page.offset for page in pages] == sorted({page.offset for page in pages})
    placed = [(p.iri, p.start + page.offset, p.end + page.offset) for page in pages for p in page.passages]
    assert placed == [(p.iri, p.start, p.end) for p in whole.passages]
    assert all(page.text[p.start : p.end] for page in pages for p in page.passages)


def test_the_reading_view_pages_by_paragraphs(app_page, seed_store, monkeypatch):
    monkeypatch.setattr(explore.document, "PARAGRAPHS_PER_PAGE", 2)
    at = app_page("read", seed_store, doc=ANNEX)
    ok(at)
    assert "Page 1 of" in markdown(at)
    at.button(key="read.page.next").click()
    assert page_param(ok(at)) == "2"


def test_a_large_network_view_is_drawn_as_its_entities_linked_by_shared_statements(grown_store):
    from govgraph.explore import network_view

    with open_store(location=grown_store) as store:
        view = network_view.view(network_view.facts(store), network_view.SHOWN)
    summed = network_view.aggregate(view, 5)
    assert 0 < len(summed) <= 5 and all(summed.nodes[n]["kind"] not in network_view.STATEMENTS for n in summed)
    for a, b, data in summed.edges(data=True):
        shared = set(view.neighbors(a)) & set(view.neighbors(b))
        assert data["weight"] == len(shared) > 0


def test_a_new_build_is_read_at_once_not_after_the_cached_answers_expire(app_page, seed_store, grown_store, tmp_path):
    from streamlit.testing.v1 import AppTest

    from govgraph.explore.launch import APP_FILE

    current = tmp_path / "store"  # as build/store, a link that a new build points at its new version
    current.symlink_to(seed_store)
    at = ok(app_page("commitments", current))
    assert "13 commitments" in markdown(at)
    current.unlink()
    current.symlink_to(grown_store)
    again = AppTest.from_file(str(APP_FILE), default_timeout=90)  # a new session; the caches are kept
    again.switch_page("app_pages/commitments.py")
    assert "52 commitments" in markdown(ok(again))

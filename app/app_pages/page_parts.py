"""What every page shares: the endpoint setting, the cached store, cached results and links.

Session keys used here have no prefix (they are app-wide); each page prefixes its own keys
with its name (``commitments.``, ``workbench.``…).
"""

from __future__ import annotations

import os
from urllib.parse import quote

import streamlit as st

from govgraph import explore
from govgraph.errors import GovgraphError
from govgraph.explore import markup as marks
from govgraph.explore.launch import ENDPOINT_ENV
from govgraph.store import Store

ENDPOINT_KEY = "endpoint"
#: Seconds a cached answer is reused: the embedded store only changes on `govgraph build`.
TTL = 300


@st.cache_resource(show_spinner="Opening the store…")
def get_store(endpoint: str) -> Store:
    """One store per endpoint ('' = the embedded build), shared by every session."""
    if not endpoint:
        explore.ensure_built()
    return explore.connect(endpoint or None)


def default_endpoint() -> str:
    """The endpoint a new session starts with: the URL's ?endpoint=, else `govgraph app --endpoint`."""
    return st.query_params.get(ENDPOINT_KEY, os.environ.get(ENDPOINT_ENV, ""))


def endpoint() -> str:
    """The SPARQL endpoint chosen in the sidebar, '' for the embedded store."""
    return st.session_state.get(ENDPOINT_KEY, default_endpoint()).strip()


def store() -> Store:
    """The store of the current endpoint; stops the page with a clear message if it cannot be opened."""
    try:
        return get_store(endpoint())
    except GovgraphError as error:
        st.error(f"Cannot open the store: {error}")
        st.stop()


def guarded(function, *args, **kwargs):
    """Call a library function; a store error (unreachable endpoint, time limit) stops the page with its message."""
    try:
        return function(*args, **kwargs)
    except GovgraphError as error:
        st.error(str(error))
        st.stop()


def _on_endpoint_change() -> None:
    value = st.session_state.get(ENDPOINT_KEY, "").strip()
    if value:
        st.query_params[ENDPOINT_KEY] = value
    elif ENDPOINT_KEY in st.query_params:
        del st.query_params[ENDPOINT_KEY]


def sidebar() -> None:
    """The endpoint setting shown on every page."""
    if ENDPOINT_KEY not in st.session_state:
        st.session_state[ENDPOINT_KEY] = default_endpoint()
    with st.sidebar:
        st.text_input("SPARQL endpoint", key=ENDPOINT_KEY, on_change=_on_endpoint_change,
                      placeholder="embedded store (default)",
                      help="Leave empty to read the embedded store built by `govgraph build`. Enter a SPARQL "
                           "query URL (e.g. http://127.0.0.1:7878/query, or …/sparql for Virtuoso) to read "
                           "a server instead; every page then uses it.")
        where = endpoint()
        st.caption(f"Reading **{where}**" if where else "Reading the **embedded store** (built by `govgraph build`)")


def stylesheet() -> str:
    return marks.stylesheet() + "<style>.block-container{padding-top:2rem}</style>"


def entity_page() -> str:
    """The href prefix of entity links, carrying the endpoint so that a link stays on the same store."""
    where = endpoint()
    return f"entity?endpoint={quote(where, safe='')}" if where else "entity"


def entity_href(iri: str) -> str:
    return marks.entity_href(iri, entity_page())


# -- cached reads: keyed by endpoint so that switching stores never shows stale answers ----------

@st.cache_data(ttl=TTL, show_spinner=False)
def overview(where: str) -> explore.Overview:
    return explore.overview(get_store(where))


@st.cache_data(ttl=TTL, show_spinner=False)
def facet_values(where: str, commitments_only: bool) -> dict[str, list[explore.FacetValue]]:
    return explore.facet_values(get_store(where), commitments_only)


@st.cache_data(ttl=TTL, show_spinner=False)
def search(where: str, selected: tuple, words: str, commitments_only: bool, mentioning: str | None = None,
           statement: str | None = None):
    return explore.search(get_store(where), dict(selected), words, commitments_only=commitments_only,
                          mentioning=mentioning, statement=statement)


@st.cache_data(ttl=TTL, show_spinner=False)
def describe(where: str, iri: str) -> explore.Entity:
    return explore.describe(get_store(where), iri)


@st.cache_data(ttl=TTL, show_spinner=False)
def paragraph(where: str, paragraph_iri: str, start: int, end: int) -> explore.Paragraph:
    return explore.paragraph_text(get_store(where), paragraph_iri, start, end)


@st.cache_data(ttl=TTL, show_spinner=False)
def find_entities(where: str, words: str) -> list[explore.Found]:
    return explore.find_entities(get_store(where), words)


PAGE_SIZE = 20


def hit_cards(hits: list[explore.Hit], key: str, *, show_paragraph: bool = False) -> None:
    """The hits as cards, PAGE_SIZE at a time, with a pager when there are more."""
    pages = max(1, -(-len(hits) // PAGE_SIZE))
    number = 1
    if pages > 1:
        number = st.number_input(f"Page (of {pages}, {PAGE_SIZE} per page)", 1, pages, 1, key=key)
    for hit in hits[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]:
        hit_card(hit, show_paragraph=show_paragraph)


def hit_card(hit: explore.Hit, *, show_paragraph: bool = False, expanded: bool = False) -> None:
    """One statement: its label (linked), kind, the quote with names highlighted, links, and its source."""
    page = entity_page()
    with st.container(border=True):
        badge = "Commitment" if hit.commitment else "Statement"
        act = f" · {hit.act}" if hit.act else ""
        st.markdown(f'{marks.plain_link(hit.iri, hit.label, page=page, css="gg-title")} <small>— {badge}{marks.html.escape(act)}</small>',
                    unsafe_allow_html=True)
        st.markdown(f'<div class="gg-quote">{explore.highlight(hit.quote, hit.mentions, page=page)}</div>',
                    unsafe_allow_html=True)
        if hit.mentions:
            st.markdown(marks.chips(hit.mentions, page=page), unsafe_allow_html=True)
        source = [marks.plain_link(hit.document, hit.document_label, page=page)] if hit.document else []
        if hit.paragraph:
            source.append(marks.plain_link(hit.paragraph, hit.paragraph_label, page=page))
        if source:
            st.markdown("<small>Source: " + " › ".join(source) + "</small>", unsafe_allow_html=True)
        if show_paragraph and hit.paragraph:
            para = guarded(paragraph, endpoint(), hit.paragraph, hit.start, hit.end)
            with st.expander(f"Source paragraph: {para.label}", expanded=expanded):
                body = marks.marked(para.text, para.mark)
                st.markdown(f'<div class="gg-quote">{body}</div>', unsafe_allow_html=True)
                if not para.exact:
                    st.caption("Rebuilt from the paragraph's statements: the source file is not on this machine.")


@st.cache_data(ttl=TTL, show_spinner="Validating the curated data…")
def validation_report():
    """The SHACL and data-quality report of the curated files (govgraph.validate)."""
    from govgraph.validate import validate

    return validate()


def validation_summary() -> tuple[int, int] | None:
    """(violations, warnings) of the curated data, or None when validation cannot run here."""
    try:
        report = validation_report()
    except GovgraphError:
        return None
    return len(report.violations), len(report.warnings)


def embed(html: str, height: int) -> None:
    """Show a self-contained HTML document (our own network views) in an iframe."""
    if hasattr(st, "iframe"):
        st.iframe(html, height=height)
    else:  # Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(html, height=height)

"""What every page shares: the endpoint setting, the cached store, cached results and links.

Session keys used here have no prefix (they are app-wide); each page prefixes its own keys
with its name (``commitments.``, ``workbench.``…).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import quote

import streamlit as st

from govgraph import explore, versions
from govgraph.errors import GovgraphError
from govgraph.explore import endpoints
from govgraph.explore import markup as marks
from govgraph.store import Store

T = TypeVar("T")
ENDPOINT_KEY = "endpoint"
#: Seconds a cached answer is reused: the embedded store only changes on `govgraph build`.
TTL = 300


def get_store(endpoint: str) -> Store:
    """One store per endpoint ('' = the embedded build) and build version, shared by every session; only
    endpoints offered. The embedded store's worker keeps the version it opened: a new build opens the new one."""
    return open_store(endpoint, data_version(endpoint))


@st.cache_resource(show_spinner="Opening the store…", max_entries=8)
def open_store(endpoint: str, version: str) -> Store:
    if endpoint not in offered():
        raise GovgraphError(f"the endpoint {endpoint} is not one this app was started with")
    if not endpoint:
        explore.source().build_if_missing()
    return explore.connect(endpoint or None)


def offered() -> list[str]:
    """What the app may read: '' (the embedded store), then the endpoints its operator listed."""
    return ["", *endpoints.from_environment()]


def start_endpoint() -> str:
    """Where a session starts without ?endpoint=: the first endpoint listed, else '' (the embedded store)."""
    listed = offered()
    return listed[1] if len(listed) > 1 else ""


def default_endpoint() -> str:
    """Where a new session starts: the link's ?endpoint= if offered, else `start_endpoint()`.

    A link naming any other URL is not followed: the page warns and the URL loses the parameter."""
    listed, start = offered(), start_endpoint()
    requested = st.query_params.get(ENDPOINT_KEY)
    if requested is None or requested in listed:
        return start if requested is None else requested
    st.warning(
        marks.escape(
            f"This link asks for the SPARQL endpoint {requested}, which this app was not started "
            f"with: it is not contacted. Reading {start or 'the embedded store'} instead."
        )
    )
    del st.query_params[ENDPOINT_KEY]
    return start


def endpoint() -> str:
    """The endpoint chosen in the sidebar, '' for the embedded store."""
    chosen: str = st.session_state.get(ENDPOINT_KEY, "")
    return chosen


def store() -> Store:
    """The store of the current endpoint; stops the page with a clear message if it cannot be opened."""
    try:
        return get_store(endpoint())
    except GovgraphError as error:
        st.error(marks.escape(f"Cannot open the store: {error}"))
        st.stop()


def guarded(function: Callable[..., T | Failed], *args: Any, **kwargs: Any) -> T:
    """Call a library function; a store error (unreachable endpoint, time limit) stops the page with its message.

    A cached read that failed returns `Failed` (kept for the TTL like an answer, so a query that ran out
    of time is not run again on every render): the page says so, how to narrow, and offers to try again."""
    try:
        answer = function(*args, **kwargs)
    except GovgraphError as error:
        st.error(marks.escape(str(error)))
        st.stop()
    if isinstance(answer, Failed):
        st.error(marks.escape(answer.message))
        if answer.timed_out:
            st.caption(
                "This answer is not run again on every click: narrow the view (a filter, fewer or more precise words, "
                "one entity) or try again when the machine is less busy."
            )
        st.button("Try again", key=f"retry.{getattr(function, '__name__', '')}", on_click=function.clear)  # type: ignore[attr-defined]  # a st.cache_data function
        st.stop()
    return answer


@dataclass(frozen=True)
class Failed:
    """A cached read that raised: its one-line message, remembered like an answer."""

    message: str

    @property
    def timed_out(self) -> bool:
        return "time limit" in self.message


def attempt(function: Callable[..., T], *args, **kwargs) -> T | Failed:
    """`function(*args, **kwargs)`, or what went wrong as a `Failed` (for the cached reads below)."""
    try:
        return function(*args, **kwargs)
    except GovgraphError as error:
        return Failed(str(error))


def data_version(where: str) -> str:
    """What the cached answers of `where` are keyed by besides the question: the embedded store's build
    (a new `govgraph build` is a new key at once); a server's answers are kept for the TTL."""
    if where:
        return ""
    location = explore.source().location
    return os.path.realpath(location) if location is not None else ""


def endpoint_params() -> dict[str, str]:
    """The query parameter that keeps the chosen endpoint in a URL (none when it is where sessions start)."""
    where = endpoint()
    return {ENDPOINT_KEY: where} if where != start_endpoint() else {}


def _on_endpoint_change() -> None:
    if ENDPOINT_KEY in st.query_params:
        del st.query_params[ENDPOINT_KEY]
    st.query_params.update(endpoint_params())


def sidebar() -> None:
    """The endpoint choice shown on every page: the embedded store or one the operator listed, no free text."""
    listed = offered()
    if st.session_state.get(ENDPOINT_KEY) not in listed:
        st.session_state[ENDPOINT_KEY] = default_endpoint()
    with st.sidebar:
        st.selectbox(
            "SPARQL endpoint",
            listed,
            key=ENDPOINT_KEY,
            on_change=_on_endpoint_change,
            format_func=lambda where: where or "embedded store",
            disabled=len(listed) == 1,
            help="The embedded store built by `govgraph build`, or a SPARQL server the app was started "
            "with (`govgraph app --endpoint URL`, or `--config FILE`); every page reads it.",
        )
        where = endpoint()
        # Moving to another page empties the URL: put the endpoint back, so that a shared link reads the same store.
        if ENDPOINT_KEY not in st.query_params:
            st.query_params.update(endpoint_params())
        st.caption(f"Reading {marks.escape(where)}" if where else "Reading the **embedded store** (built by `govgraph build`)")
        st.caption(marks.escape(guarded(data_as_of, where)))
        st.button(
            "Refresh data",
            key="refresh",
            icon=":material/refresh:",
            on_click=refresh,
            help="Read the store again now, instead of answers kept for up to five minutes.",
        )


def refresh() -> None:
    """Forget every cached answer and reopen the stores: a server that came back, or a new build, shows at once."""
    st.cache_data.clear()
    open_store.clear()


@st.cache_data(ttl=TTL, show_spinner=False)
def data_as_of(where: str) -> str:
    """When the data shown was read: the embedded store's build time, or when the server was last asked."""
    if where:
        return f"Data as of {when(datetime.now(UTC))} UTC (read from the server then)."
    location = explore.source().location
    if location is None or not location.exists():
        return "Data as of: no build yet."
    return f"Data as of the build of {when(versions.built_at(location))} UTC."


def when(moment: datetime) -> str:
    """'3 Dec 2026, 19:07': a moment as people read it."""
    return f"{moment.day} {moment:%b %Y, %H:%M}"


#: On paper: no sidebar, toolbar or buttons, and no card split across pages.
PRINT_CSS = (
    "@media print{[data-testid=stSidebar],[data-testid=stHeader],[data-testid=stToolbar],"
    "[data-testid=stDownloadButton],[data-testid=stPopover],.gg-screen-only{display:none !important}"
    ".gg-print-card{break-inside:avoid}}"
    ".gg-print-card{border-top:1px solid #ddd;padding:.6em 0}.gg-print-card .gg-cite{color:#444;font-size:.9rem}"
)


def stylesheet() -> str:
    return marks.stylesheet() + "<style>.block-container{padding-top:2rem}" + PRINT_CSS + "</style>"


def entity_page() -> str:
    """The href prefix of entity links, carrying the endpoint so that a link stays on the same store."""
    params = endpoint_params()
    return f"entity?endpoint={quote(params[ENDPOINT_KEY], safe='')}" if params else "entity"


def entity_href(iri: str) -> str:
    return marks.entity_href(iri, entity_page())


def absolute(href: str) -> str:
    """A page link (`entity?iri=…`) as the full URL the browser would open, for copying; as given without a browser."""
    here = st.context.url
    return f"{here.rsplit('/', 1)[0]}/{href}" if here else href


def read_href(document: str) -> str:
    """The reading view of a document, on the same store."""
    params = {"doc": document, **endpoint_params()}
    return "read?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in params.items())


def iri_affordance(iri: str, permalink: str) -> None:
    """The resource's IRI and this page's link, out of the way until asked for (each with a copy button)."""
    with st.popover("Copy IRI or link", icon=":material/content_copy:"):
        st.caption("The resource's identifier (IRI), for SPARQL or another system:")
        st.code(iri, language=None)
        st.caption("A link to this page, to share:")
        st.code(absolute(permalink), language=None)


# -- cached reads: keyed by endpoint and data version, so that switching stores or a new build never shows
# stale answers; each returns `Failed` instead of raising, so that a failure is remembered too (see `guarded`).


def read(function: Callable[..., T | Failed], where: str, *args: Any, **kwargs: Any) -> T:
    """A cached read below for the data `where` holds now: `function(where, data_version(where), …)`, guarded."""
    return guarded(function, where, data_version(where), *args, **kwargs)


@st.cache_data(ttl=TTL, show_spinner=False)
def overview(where: str, version: str) -> explore.Overview | Failed:
    return attempt(explore.overview, get_store(where))


@st.cache_data(ttl=TTL, show_spinner="Counting the commitments by facet…")
def facet_values(where: str, version: str, commitments_only: bool, alone: bool = False):
    return attempt(explore.facet_values, get_store(where), commitments_only, alone=alone)


@st.cache_data(ttl=TTL, show_spinner=False)
def count(
    where: str, version: str, selected: tuple, words: str, commitments_only: bool, mentioning: str | None = None, alone=False
):
    """How many statements match (one count query)."""
    return attempt(
        explore.count,
        get_store(where),
        dict(selected),
        words,
        commitments_only=commitments_only,
        mentioning=mentioning,
        alone=alone,
    )


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def search(
    where: str,
    version: str,
    selected: tuple,
    words: str,
    commitments_only: bool,
    mentioning: str | None = None,
    statement: str | None = None,
    alone: bool = False,
    page: int = 1,
    size: int = 20,
):
    """One page of hits (and whether more follow): only that page is fetched, cached per page."""
    return attempt(
        explore.search,
        get_store(where),
        dict(selected),
        words,
        commitments_only=commitments_only,
        mentioning=mentioning,
        statement=statement,
        alone=alone,
        limit=size,
        offset=(page - 1) * size,
    )


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=200)
def describe(where: str, version: str, iri: str):
    return attempt(explore.describe, get_store(where), iri)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=500)
def paragraph(where: str, version: str, paragraph_iri: str, start: int, end: int):
    return attempt(explore.paragraph_text, get_store(where), paragraph_iri, start, end)


@st.cache_data(ttl=TTL, show_spinner=False)
def labels(where: str, iris: tuple[str, ...]) -> dict[str, str]:
    return explore.labels(get_store(where), iris)


@st.cache_data(ttl=TTL, show_spinner=False)
def source_documents(where: str, version: str):
    return attempt(explore.source_documents, get_store(where))


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=50)
def document_text(where: str, version: str, document: str, page: int, size: int):
    return attempt(explore.document_text, get_store(where), document, page=page, size=size)


@st.cache_data(ttl=TTL, show_spinner=False, max_entries=100)
def find_entities(where: str, version: str, words: str):
    return attempt(explore.find_entities, get_store(where), words)


PAGE_SIZE = 20


def pager(key: str, total: int, noun: str, *, size: int = PAGE_SIZE, param: str = "page") -> int:
    """Previous / Next over `total` results, `size` a page, the page kept in the URL (?page=N); returns the page.

    A link's page applies once per distinct URL; a page past the end (fewer results now) shows the last."""
    pages = max(1, -(-total // size))
    wanted = st.query_params.get(param, "1")
    if st.session_state.get(key + ".url") != wanted:
        st.session_state[key + ".url"] = wanted
        st.session_state[key] = int(wanted) if wanted.isdigit() else 1
    number: int = min(max(1, st.session_state.get(key, 1)), pages)
    if pages > 1:

        def go(to: int) -> None:
            st.session_state[key] = to

        left, middle, right = st.columns([1, 3, 1], vertical_alignment="center")
        left.button("Previous", key=key + ".previous", disabled=number <= 1, on_click=go, args=(number - 1,), width="stretch")
        first, last = (number - 1) * size + 1, min(number * size, total)
        middle.markdown(
            f'<div style="text-align:center">Page {number:,} of {pages:,} · {noun} {first:,}–{last:,} of {total:,}</div>',
            unsafe_allow_html=True,
        )
        right.button("Next", key=key + ".next", disabled=number >= pages, on_click=go, args=(number + 1,), width="stretch")
    to_url(param, [str(number)] if number > 1 else [])
    st.session_state[key + ".url"] = str(number) if number > 1 else "1"
    return number


def hit_cards(hits: list[explore.Hit], *, show_paragraph: bool = False) -> None:
    """One page of hits as cards."""
    for hit in hits:
        hit_card(hit, show_paragraph=show_paragraph)


def printable(hits: list[explore.Hit]) -> str:
    """Every hit as plain HTML for paper: its label, the quote with its names, its source with date, and its citation."""
    page = entity_page()
    cards = []
    for hit in hits:
        badge = "Commitment" if hit.commitment else "Statement"
        dated = f" · {marks.escape(explore.long_date(hit.document_date))}" if hit.document_date else ""
        cards.append(
            '<div class="gg-print-card">'
            f"<b>{marks.escape(hit.label)}</b> <small>— {badge}{marks.escape(f' · {hit.act}' if hit.act else '')}</small>"
            f'<div class="gg-quote">{explore.highlight(hit.quote, hit.mentions, page=page)}</div>'
            f"<small>{marks.escape(hit.document_label)} › {marks.escape(hit.paragraph_label)}{dated}</small>"
            f'<div class="gg-cite">{marks.escape(explore.citation(hit))}</div></div>'
        )
    return "".join(cards)


def hit_card(hit: explore.Hit, *, show_paragraph: bool = False, expanded: bool = False) -> None:
    """One statement: its label (linked), kind, the quote with names highlighted, links, and its source."""
    page = entity_page()
    with st.container(border=True):
        badge = "Commitment" if hit.commitment else "Statement"
        act = f" · {hit.act}" if hit.act else ""
        st.markdown(
            f"{marks.plain_link(hit.iri, hit.label, page=page, css='gg-title')} <small>— {badge}{marks.escape(act)}</small>",
            unsafe_allow_html=True,
        )
        st.markdown(
            f'<div class="gg-quote">{explore.highlight(hit.quote, hit.mentions, page=page)}</div>', unsafe_allow_html=True
        )
        if hit.mentions:
            st.markdown(marks.chips(hit.mentions, page=page), unsafe_allow_html=True)
        source = [marks.plain_link(hit.document, hit.document_label, page=page)] if hit.document else []
        if hit.paragraph:
            source.append(marks.plain_link(hit.paragraph, hit.paragraph_label, page=page))
        if source:
            dated = f" · {marks.escape(explore.long_date(hit.document_date))}" if hit.document_date else ""
            web = hit.document_url.startswith(("http://", "https://"))
            original = f" · {marks.external_link(hit.document_url, 'source page')}" if web else ""
            original += (
                f' · <a class="gg-plain" href="{marks.html.escape(read_href(hit.document))}" target="_self">read in place</a>'
            )
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.markdown("<small>Source: " + " › ".join(source) + dated + original + "</small>", unsafe_allow_html=True)
            with right.popover("Cite", icon=":material/format_quote:", width="stretch"):
                st.caption("Copy this reference (the button at the right of it):")
                st.code(explore.citation(hit), language=None, wrap_lines=True)
        if show_paragraph and hit.paragraph:
            para = read(paragraph, endpoint(), hit.paragraph, hit.start, hit.end)
            with st.expander(f"Source paragraph: {marks.escape(para.label)}", expanded=expanded):
                body = marks.marked(para.text, para.mark)
                st.markdown(f'<div class="gg-quote">{body}</div>', unsafe_allow_html=True)
                if para.problem:
                    st.caption(marks.escape(f"Rebuilt from the paragraph's statements: {para.problem}."))
                elif not para.exact:
                    st.caption("Rebuilt from the paragraph's statements: the source file is not on this machine.")


@st.cache_data(ttl=TTL, show_spinner="Validating the curated data…")
def validation_report():
    """The SHACL and data-quality report of the curated files (govgraph.validate), made in a child process."""
    from govgraph.explore import quality

    return quality.report()


def validation_summary() -> tuple[int, int] | None:
    """(violations, warnings) of the curated data, or None when validation cannot run here."""
    try:
        report = validation_report()
    except GovgraphError:
        return None
    return len(report.violations), len(report.warnings)


def from_url(key: str, param: str, read: Callable[[list[str]], object] = lambda values: values[0]) -> None:
    """Start a widget from the URL (a shared link) when this session has not set it yet."""
    values = st.query_params.get_all(param)
    if values and key not in st.session_state:
        st.session_state[key] = read(values)


def to_url(param: str, values: list[str]) -> None:
    """Keep one parameter of the URL in step with a widget (an empty list removes it)."""
    if st.query_params.get_all(param) != values:
        if param in st.query_params:
            del st.query_params[param]
        if values:
            st.query_params[param] = values


def embed(html: str, height: int) -> None:
    """Show a self-contained HTML document (our own network views) in an iframe."""
    if hasattr(st, "iframe"):
        st.iframe(html, height=height)
    else:  # Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(html, height=height)

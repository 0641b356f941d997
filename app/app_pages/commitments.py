"""Commitments: a faceted browser with full-text search; every quote shows and links what it names."""

from urllib.parse import quote

import streamlit as st

from app_pages import page_parts
from govgraph import explore
from govgraph.explore import markup as marks

P = "commitments."  # session-key prefix of this page
WORDS = "words"  # the URL parameter of the search words
ALONE = "alone"  # the URL parameter of "Actors: made alone"
PRINT = "print"  # print=1: every result as plain cards for paper
PRINTED = 1000  # results on paper at most
DOWNLOADED = 10_000  # results in a download at most
FACET_OPTIONS = 500  # values offered per filter at most, the most named first

st.title("Commitments")
where = page_parts.endpoint()
page_parts.store()

if st.query_params.get(ALONE) == "1" and P + "alone" not in st.session_state:
    st.session_state[P + "alone"] = True  # a link's choice, on the session's first view of this page

with st.sidebar:
    st.subheader("Narrow down")
    everything = st.toggle(
        "Include other statements", key=P + "all", help="Recognitions, welcomes and other statements that are not commitments."
    )
    alone = st.toggle(
        "Actors: made alone",
        key=P + "alone",
        help="Off: an actor's commitments include those a group it belongs to made (a G7 commitment binds Japan). "
        "On: only those it made itself or is named in.",
    )
# The facets' counts help narrowing but are not needed to list: if they fail (a time limit on a busy
# machine), the list still shows, and the failure is remembered rather than asked again on every click.
counted = page_parts.facet_values(where, page_parts.data_version(where), not everything, alone)
values = {} if isinstance(counted, page_parts.Failed) else counted
if isinstance(counted, page_parts.Failed):
    with st.sidebar:
        st.warning(marks.escape(f"The filters cannot be offered now: {counted.message}"))
        st.button("Try the filters again", key=P + "facets.retry", on_click=page_parts.facet_values.clear)

# A link such as commitments?theme=<iri>&words=… (a chart on the Overview, a shared URL) sets the view;
# applied once per distinct URL, so that the filters stay the analyst's own afterwards.
from_url: dict[str, list[str]] = {
    key: [iri for iri in st.query_params.get_all(key) if iri in {v.iri for v in values.get(key, [])}] for key in explore.FACETS
}
from_url = {key: iris for key, iris in from_url.items() if iris}
if st.query_params.get(WORDS):
    from_url[WORDS] = [st.query_params[WORDS]]
if from_url and st.session_state.get(P + "url") != from_url:
    st.session_state[P + "url"] = from_url
    for key in explore.FACETS:
        st.session_state[P + "facet." + key] = from_url.get(key, [])
    st.session_state[P + "words"] = from_url.get(WORDS, [""])[0]


def clear_filters() -> None:
    """Empty every filter and the words (a callback: widget values can only change before the widgets are drawn)."""
    for key in explore.FACETS:
        st.session_state[P + "facet." + key] = []
    st.session_state[P + "words"] = ""


selected: dict[str, list[str]] = {}
labels_of: dict[str, dict[str, str]] = {}
with st.sidebar:
    for key, facet in explore.FACETS.items():
        options = values.get(key, [])
        if not options:
            continue
        state = P + "facet." + key
        # Thousands of actors or documents: the most named are offered (and whatever is chosen), not every one.
        kept = set(st.session_state.get(state, []))
        options = [v for index, v in enumerate(options) if index < FACET_OPTIONS or v.iri in kept]
        labels = {v.iri: f"{v.label} ({v.count})" for v in options}
        labels_of[key] = {v.iri: v.label for v in options}
        chosen = st.multiselect(
            facet.title, list(labels), key=state, format_func=labels.__getitem__, placeholder=f"Any {facet.title.lower()}"
        )
        if chosen:
            selected[key] = chosen
    st.button("Clear filters", key=P + "clear", on_click=clear_filters)

words = st.text_input(
    "Search the quotes and the names they link to", key=P + "words", placeholder="e.g. Internet shutdowns, WSIS, civil society"
)

# Keep the URL in step with the filters and the words, so that it is a permalink of this view.
view = {**selected, **({WORDS: [words]} if words else {}), **({ALONE: ["1"]} if alone else {})}
shown = {key: st.query_params.get_all(key) for key in [*explore.FACETS, WORDS, ALONE] if st.query_params.get_all(key)}
if shown != view:
    for key in [*explore.FACETS, WORDS, ALONE]:
        if key in st.query_params:
            del st.query_params[key]
    for key, chosen in view.items():
        st.query_params[key] = chosen
    st.session_state[P + "url"] = dict(view)

chosen_view = tuple((k, tuple(v)) for k, v in sorted(selected.items()))
total = page_parts.read(page_parts.count, where, chosen_view, words, not everything, alone=alone)
noun = "statement" if everything else "commitment"
count = f"{total:,} {noun}{'' if total == 1 else 's'}"
# A new view starts at its first page; the page is kept in the URL (?page=N) like the filters.
if st.session_state.get(P + "view") != (chosen_view, words, everything, alone):
    if P + "view" in st.session_state:
        st.session_state[P + "page"] = 1
        st.session_state[P + "page.url"] = st.query_params.get("page", "1")
    st.session_state[P + "view"] = (chosen_view, words, everything, alone)
printing = st.query_params.get(PRINT) == "1"


def view_href(**changes: str | None) -> str:
    """This view's URL (filters, words, endpoint) with some parameters changed (None removes one)."""
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k) if k not in changes]
    params += [(k, v) for k, v in changes.items() if v is not None]
    return "commitments?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params)


if printing:
    hits, more = page_parts.read(page_parts.search, where, chosen_view, words, not everything, alone=alone, size=PRINTED)
    count += f" (the first {len(hits)} printed: narrow the view to print the rest)" if more else ""
    filters = "; ".join(
        f"{explore.FACETS[key].title}: {', '.join(labels_of[key].get(iri, iri) for iri in iris)}"
        for key, iris in selected.items()
    )
    st.markdown(
        f"**{count}**"
        + (f" — {marks.escape(filters)}" if filters else "")
        + (f" — words: “{marks.escape(words)}”" if words else ""),
        unsafe_allow_html=True,
    )
    st.markdown(
        f'<span class="gg-screen-only">Print this page with your browser (Ctrl+P). '
        f'<a href="{marks.html.escape(view_href(**{PRINT: None}))}" target="_self">Back to the browser</a></span>',
        unsafe_allow_html=True,
    )
    st.markdown(page_parts.printable(hits), unsafe_allow_html=True)
    st.stop()


def download(kind: str) -> bytes | str:
    """Every result (up to DOWNLOADED) as CSV or Excel, made only when the button is pressed (in another thread:
    no Streamlit call here, so a failure is the file's one line)."""
    answer = page_parts.search(
        where, page_parts.data_version(where), chosen_view, words, not everything, alone=alone, size=DOWNLOADED
    )
    if isinstance(answer, page_parts.Failed):
        return answer.message + "\n"
    hits, _ = answer
    return explore.hits_csv(hits) if kind == "csv" else explore.hits_xlsx(hits)


left, middle, right = st.columns([4, 1, 1])
left.markdown(f"**{count}** found")
if total:
    middle.download_button(
        "Download CSV", lambda: download("csv"), file_name="commitments.csv", mime="text/csv", key=P + "download", width="stretch"
    )
    right.download_button(
        "Download Excel",
        lambda: download("xlsx"),
        file_name="commitments.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=P + "download.xlsx",
        width="stretch",
    )
    left.markdown(
        f'<small><a href="{marks.html.escape(view_href(**{PRINT: "1"}))}" target="_self">Print view</a></small>',
        unsafe_allow_html=True,
    )
if total > DOWNLOADED:
    st.caption(f"Downloads hold the first {DOWNLOADED:,} results: narrow the view to download the rest.")
if not total:
    st.info("Nothing matches. Remove a filter or change the words.")
    st.stop()
number = page_parts.pager(P + "page", total, noun + "s")
hits, _ = page_parts.read(page_parts.search, where, chosen_view, words, not everything, alone=alone, page=number)
page_parts.hit_cards(hits)

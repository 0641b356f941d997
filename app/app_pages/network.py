"""Network: forums, initiatives, actors, themes and the commitments that join them, with networkx
degree and betweenness. The view is vis-network embedded in the page, so it works offline."""

import pandas as pd
import streamlit as st

from app_pages import page_parts
from govgraph.explore import network_view as network

P = "network."
MAX_DRAWN = 400  # vis-network stays smooth in a browser up to a few hundred nodes
MAX_ENTITIES = 100  # entities drawn when a view is aggregated
MAX_ROWS = 200  # rows of the table of the most central
where = page_parts.endpoint()
page_parts.store()


@st.cache_resource(ttl=page_parts.TTL, show_spinner="Reading the network…")
def facts(where: str, version: str, commitments_only: bool):
    return page_parts.attempt(network.facts, page_parts.get_store(where), commitments_only=commitments_only)


st.title("Network")
st.caption(
    "Each commitment (grey) is joined to the forums, initiatives, actors and themes it names. "
    "Larger dots have more links; drag to rearrange, scroll to zoom, click a dot to open its page (in a new tab)."
)
# The view lives in the URL (kinds, min, all, speaker, focus), so that a link reopens it.
page_parts.from_url(P + "kinds", "kinds", lambda kinds: [k for k in kinds if k in network.KINDS])
page_parts.from_url(P + "min", "min", lambda values: min(10, max(1, int(values[0]) if values[0].isdigit() else 1)))
page_parts.from_url(P + "all", "all", lambda values: values[0] == "1")
page_parts.from_url(P + "speaker", "speaker", lambda values: values[0] == "1")
st.session_state.setdefault(P + "kinds", list(network.SHOWN))
left, middle, right = st.columns([2, 1, 1])
shown = left.multiselect("Show", network.KINDS, key=P + "kinds")
min_degree = middle.slider("Fewest links per entity", 1, 10, key=P + "min")
everything = right.toggle("Other statements too", key=P + "all")
speaker = right.toggle(
    "Include the speaker (G7)", key=P + "speaker", help="The G7 makes every statement in the seed, so it links to everything."
)


@st.cache_data(ttl=page_parts.TTL, show_spinner=False)
def entities(where: str, version: str, everything: bool):
    """Every entity to centre on, 'label (kind)' in name order: worked out once, not on every render."""
    named = network.entities(facts(where, version, not everything))
    return dict(sorted(named.items(), key=lambda item: item[1].casefold()))


page_parts.read(facts, where, not everything)  # read first: if it fails, its Try again reads it again
labels = page_parts.read(entities, where, everything)
page_parts.from_url(P + "focus", "focus", lambda values: values[0] if values[0] in labels else "")
focus = st.selectbox(
    "Around one entity",
    ["", *labels],
    key=P + "focus",
    format_func=lambda n: labels.get(n, "— the whole network —"),
)


page_parts.to_url("kinds", list(shown) if list(shown) != list(network.SHOWN) else [])
page_parts.to_url("min", [str(min_degree)] if min_degree != 1 else [])
page_parts.to_url("all", ["1"] if everything else [])
page_parts.to_url("speaker", ["1"] if speaker else [])
page_parts.to_url("focus", [focus] if focus else [])


def draw(where: str, version: str, everything: bool, speaker: bool, shown: tuple, min_degree: int, focus: str):
    """The HTML view, the most central entities, how many were ranked, the sizes of the view and of what is drawn,
    and whether it is drawn aggregated."""
    read = facts(where, version, not everything)
    view = network.view(read, shown, speaker=speaker, min_degree=min_degree, focus=focus or None)
    rows = [row for row in network.metrics(view) if row["kind"] not in network.STATEMENTS]
    # Past MAX_DRAWN nodes, the view is drawn aggregated: its best-connected entities, linked by the statements they share.
    summed = len(view) > MAX_DRAWN
    shown_view = network.aggregate(view, MAX_ENTITIES) if summed else view
    html = network.to_html(shown_view, link=page_parts.entity_href) if len(shown_view) else ""
    return html, rows[:MAX_ROWS], len(rows), (view.number_of_nodes(), view.number_of_edges()), len(shown_view), summed


@st.cache_data(ttl=page_parts.TTL, show_spinner="Drawing the network…")
def drawn(where: str, version: str, everything: bool, speaker: bool, shown: tuple, min_degree: int, focus: str):
    """`draw`, cached per view (betweenness is costly), a failure remembered."""
    return page_parts.attempt(draw, where, version, everything, speaker, shown, min_degree, focus)


html, rows, ranked, (nodes, links), drawn_nodes, summed = page_parts.read(
    drawn, where, everything, speaker, tuple(shown), min_degree, focus
)
if not nodes:
    st.info("Nothing left to show: pick more kinds or fewer links per entity.")
    st.stop()
legend = ["commitment", "statement"] if everything else ["commitment"]
st.markdown(
    " ".join(
        f'<span style="color:{network.COLOURS.get(k, network.COLOURS["other"])}">●</span> {k}' for k in legend + list(shown)
    ),
    unsafe_allow_html=True,
)
if summed:
    st.caption(
        f"{nodes:,} nodes are too many to draw: showing the {drawn_nodes} best-connected entities, each link the "
        "statements naming both (hover a link for how many). Pick one entity above to see every statement around it."
    )
page_parts.embed(html, 640)
st.subheader("Most central")
if ranked > MAX_ROWS:
    st.caption(f"The {MAX_ROWS} most central of {ranked:,} entities.")
table = pd.DataFrame([{**r, "page": page_parts.entity_href(r["iri"])} for r in rows])
st.dataframe(
    table.drop(columns=["iri"]),
    hide_index=True,
    width="stretch",
    column_config={
        "page": st.column_config.LinkColumn("page", display_text="open"),
        "betweenness": st.column_config.NumberColumn(format="%.3f"),
    },
)
estimated = (
    f" Above {network.EXACT_UP_TO:,} nodes it is estimated from {network.SAMPLED} sampled nodes."
    if nodes > network.EXACT_UP_TO
    else ""
)
st.caption(
    f"{nodes:,} nodes, {links:,} links. Betweenness is normalised (networkx): the share of shortest paths "
    f"that pass through a node.{estimated}"
)

"""Network: forums, initiatives, actors, themes and the commitments that join them, with networkx
degree and betweenness. The view is vis-network embedded in the page, so it works offline."""

import pandas as pd
import streamlit as st

from app_pages import common
from govgraph.explore import network

P = "network."
where = common.endpoint()
common.store()


@st.cache_resource(ttl=common.TTL, show_spinner="Reading the network…")
def full_network(where: str, commitments_only: bool):
    return network.network(common.get_store(where), commitments_only=commitments_only)


st.title("Network")
st.caption("Each commitment (grey) is joined to the forums, initiatives, actors and themes it names. "
           "Larger dots have more links; drag to rearrange, scroll to zoom, hover for names.")
kinds = [k for k in network.KINDS if k != "commitment"]
left, middle, right = st.columns([2, 1, 1])
shown = left.multiselect("Show", kinds, default=["forum", "initiative", "actor", "theme"], key=P + "kinds")
min_degree = middle.slider("Fewest links per entity", 1, 10, 1, key=P + "min")
everything = right.toggle("Other statements too", key=P + "all")
speaker = right.toggle("Include the speaker (G7)", key=P + "speaker",
                       help="The G7 makes every statement in the seed, so it links to everything.")

graph = common.guarded(full_network, where, not everything)
if not speaker:
    graph = network.without_roles(graph, {"madeBy"})
labels = {n: f"{d['label']} ({d['kind']})" for n, d in graph.nodes(data=True) if d["kind"] != "commitment"}
focus = st.selectbox("Around one entity", [""] + sorted(labels, key=lambda n: labels[n].casefold()), key=P + "focus",
                     format_func=lambda n: labels.get(n, "— the whole network —"))
view = network.select(graph, shown, min_degree=min_degree, focus=focus or None)

if len(view) == 0:
    st.info("Nothing left to show: pick more kinds or fewer links per entity.")
    st.stop()
st.markdown(" ".join(f'<span style="color:{network.COLOURS[k]}">●</span> {k}' for k in network.KINDS),
            unsafe_allow_html=True)
common.embed(network.to_html(view), 640)
st.subheader("Most central")
rows = network.metrics(view)
table = pd.DataFrame([{**r, "page": common.entity_href(r["iri"])} for r in rows if r["kind"] != "commitment"])
st.dataframe(table.drop(columns=["iri"]), hide_index=True, width="stretch",
             column_config={"page": st.column_config.LinkColumn("page", display_text="open"),
                            "betweenness": st.column_config.NumberColumn(format="%.3f")})
st.caption(f"{view.number_of_nodes()} nodes, {view.number_of_edges()} links. Betweenness is normalised "
           "(networkx): the share of shortest paths that pass through a node.")

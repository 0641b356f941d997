"""Overview: how much the graph holds, what the commitments are about, and whether the data validates."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import page_parts
from govgraph import explore
from govgraph.explore import markup as marks

CHART_BARS = 25  # bars per chart at most (years are all shown)

st.title("govgraph explorer")
st.caption(
    "Digital-governance commitments, each traced to the sentence that makes it. "
    "Browse them under **Commitments**, follow any name to its page, or ask your own question in the "
    "**SPARQL workbench**."
)

where = page_parts.endpoint()
page_parts.store()
summary = page_parts.read(page_parts.overview, where)
titles = {key: title for key, (title, _) in explore.COUNTED.items()}
counted = [*summary.counts.items(), ("sources", summary.sources)]
titles["sources"] = "Source documents"
with st.container(horizontal=True):  # the counts `govgraph stats` prints; they wrap on a narrow screen
    for key, value in counted:
        st.metric(titles[key], f"{value:,}", help=explore.COUNT_MEANINGS.get(key), width=190)
st.caption("The ? beside a number says what it counts. Click a bar to read those commitments.")
with st.expander("Words used here"):
    st.markdown("\n".join(f"- **{marks.escape(term)}**: {marks.escape(meaning)}" for term, meaning in explore.GLOSSARY.items()))

values = page_parts.read(page_parts.facet_values, where, True)
charts = list(explore.BREAKDOWNS.items())
with st.container(horizontal=True, gap="large"):  # two charts a row on a wide screen, one on a narrow one
    for key, title in charts:
        with st.container(width=400):
            st.subheader(title)
            # Bars for the most named values only: a large graph has thousands of forums.
            bars = values[key] if key == "year" else values[key][:CHART_BARS]
            data = pd.DataFrame([{"name": v.label, "commitments": v.count, "iri": v.iri} for v in bars])
            if data.empty:
                st.caption("No commitment names one.")
                continue
            counts = alt.Axis(tickMinStep=1, format="d")
            if key == "year":
                chart = (
                    alt.Chart(data)
                    .mark_bar(size=36)
                    .encode(
                        x=alt.X("name:O", title="target year", sort=None, axis=alt.Axis(labelAngle=0)),
                        y=alt.Y("commitments:Q", title="commitments", axis=counts),
                        tooltip=["name", "commitments"],
                    )
                )
                height = 220
            else:
                chart = (
                    alt.Chart(data)
                    .mark_bar()
                    .encode(
                        y=alt.Y("name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=180, labelOverlap=False)),
                        x=alt.X("commitments:Q", title="commitments", axis=counts),
                        tooltip=["name", "commitments"],
                    )
                )
                height = 40 + 26 * len(data)
                if len(bars) < len(values[key]):
                    st.caption(f"The {len(bars)} most named of {len(values[key]):,}.")
            picked = st.altair_chart(
                chart.add_params(alt.selection_point(name="pick", fields=["iri"])),
                height=height,
                width="stretch",
                on_select="rerun",
                key=f"overview.chart.{key}",
            )
            chosen = picked.selection.get("pick") if picked else None
            if chosen and chosen[0].get("iri"):
                # A click on a bar opens the commitments browser narrowed to that value.
                st.switch_page("app_pages/commitments.py", query_params={key: chosen[0]["iri"]})

status = page_parts.validation_summary() if not where else None
if status is not None:
    violations, warnings = status
    text = f"{violations} problem(s) to fix, {warnings} recommendation(s) — see **Data quality**."
    (st.success if violations == 0 else st.error)(
        ("The curated data follows every rule: " if violations == 0 else "The curated data breaks a rule: ") + text
    )
else:
    st.info("Data quality is checked for the embedded store, which is built from the curated files on this machine.")


st.page_link("app_pages/commitments.py", label="Browse the commitments", icon=":material/format_quote:")

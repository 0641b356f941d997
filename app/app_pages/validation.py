"""Validation: the SHACL report of the curated data, readable, grouped by file and resource."""

import streamlit as st

from app_pages import page_parts
from govgraph import report as reports
from govgraph.explore import markup as marks

P = "validation."
st.title("Validation")
st.caption(
    "The curated files on this machine checked against the SHACL shapes (violations), the "
    "recommendations (warnings) and the saved data-quality checks."
)
if page_parts.endpoint():
    st.info(
        "You are reading a remote endpoint; this report is about the curated files on this machine, "
        "which is what `govgraph publish` sends."
    )

validation = page_parts.guarded(page_parts.validation_report)
a, b, c = st.columns(3)
a.metric("Violations", len(validation.violations))
b.metric("Warnings", len(validation.warnings))
c.metric("Triples checked", f"{validation.triples:,}")
if validation.conforms:
    st.success(f"The data conforms: no violations in {len(validation.files)} files.")
else:
    st.error(f"{len(validation.violations)} violation(s): the build refuses this data until they are fixed.")

show = (
    st.segmented_control(
        "Show", ["Violations", "Warnings"], selection_mode="multi", default=["Violations", "Warnings"], key=P + "show"
    )
    or []
)
wanted = {s[:-1] for s in show}
findings = [f for f in validation.findings if f.severity in wanted]
if not findings:
    st.info("Nothing to show.")
by_file: dict[str, list] = {}
for finding in findings:
    by_file.setdefault(finding.file or "(not from one file)", []).append(finding)
for file, items in by_file.items():
    st.subheader(marks.escape(file))
    rows = []
    for f in items:
        where = (
            marks.plain_link(f.focus, reports.short(f.focus), page=page_parts.entity_page())
            if f.focus.startswith("http")
            else marks.escape(f.focus or "(graph)")
        )
        icon = "🛑 violation" if f.severity == "Violation" else "⚠️ warning"
        detail = marks.escape(f.message) + (f"<br><small>value: {marks.escape(f.value)}</small>" if f.value else "")
        rows.append((icon, where, marks.escape(f.path or ""), detail, marks.escape(f.shape)))
    st.markdown(marks.table(("", "resource", "property", "problem", "rule"), rows, "gg-report"), unsafe_allow_html=True)

with st.expander("The report as text (what `govgraph validate` prints)"):
    st.code(reports.as_text(validation), language=None)
st.download_button(
    "Download the report (JSON)",
    reports.as_json(validation),
    file_name="validation.json",
    mime="application/json",
    key=P + "download",
)

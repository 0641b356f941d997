"""Validation: the SHACL report of the curated data, readable, grouped by file and resource."""

import pandas as pd
import streamlit as st

from app_pages import common
from govgraph import report as reports

P = "validation."
st.title("Validation")
st.caption("The curated files on this machine checked against the SHACL shapes (violations), the "
           "recommendations (warnings) and the saved data-quality checks.")
if common.endpoint():
    st.info("You are reading a remote endpoint; this report is about the curated files on this machine, "
            "which is what `govgraph publish` sends.")

validation = common.guarded(common.validation_report)
a, b, c = st.columns(3)
a.metric("Violations", len(validation.violations))
b.metric("Warnings", len(validation.warnings))
c.metric("Triples checked", f"{validation.triples:,}")
if validation.conforms:
    st.success(f"The data conforms: no violations in {len(validation.files)} files.")
else:
    st.error(f"{len(validation.violations)} violation(s): the build refuses this data until they are fixed.")

show = st.segmented_control("Show", ["Violations", "Warnings"], selection_mode="multi",
                            default=["Violations", "Warnings"], key=P + "show") or []
wanted = {s[:-1] for s in show}
findings = [f for f in validation.findings if f.severity in wanted]
if not findings:
    st.info("Nothing to show.")
groups: dict[tuple[str, str, str], list] = {}
for finding in findings:
    groups.setdefault((finding.severity, finding.file or "(no file)", finding.focus), []).append(finding)
for (severity, file, focus), items in groups.items():
    icon = "🛑" if severity == "Violation" else "⚠️"
    with st.expander(f"{icon} {file} — {reports.short(focus) if focus else '(graph)'} ({len(items)})"):
        if focus.startswith("http"):
            st.markdown(f"[Open the entity page]({common.entity_href(focus)})")
        st.dataframe(pd.DataFrame([{"shape": f.shape, "property": f.path or "", "problem": f.message,
                                    "value": f.value or ""} for f in items]), hide_index=True, width="stretch")

with st.expander("The report as text (what `govgraph validate` prints)"):
    st.code(reports.as_text(validation), language=None)
st.download_button("Download the report (JSON)", reports.as_json(validation), file_name="validation.json",
                   mime="application/json", key=P + "download")

"""The words the explorer uses, said once: the glossary on the Overview and what each headline count counts."""

from __future__ import annotations

#: Term → what it means here, in the order a reader meets them.
GLOSSARY: dict[str, str] = {
    "Statement": "One sentence or clause of a source document, quoted word for word, with where it sits in the text.",
    "Commitment": "A statement by which its makers bind themselves to act (they commit, resolve, pledge, seek…). "
    "Welcomes, recognitions and other statements are not commitments.",
    "Kind of act": "What a statement does, read from its verb: commit, resolve, seek, support, welcome, recognise…",
    "Made by": "Who speaks in the document. A commitment made by a group (the G7) binds each of its members; "
    "'made alone' keeps only what an actor made itself or is named in.",
    "Forum or process": "A standing body or negotiation where digital governance is discussed: the IGF, the WSIS+20 "
    "Review, the Global Digital Compact…",
    "Initiative": "A programme or partnership that commitments refer to: PGII, the EU Global Gateway, the DFI…",
    "Actor": "A country, organisation, group of them or office holder.",
    "Theme": "A policy topic. A theme includes its narrower themes: 'Internet governance' counts the commitments "
    "on multi-stakeholder Internet governance too.",
    "Target group": "People a commitment is meant to benefit: children, women, girls, youths…",
    "Stakeholder group": "Those a commitment says to engage: civil society organisations, the private sector, technical experts…",
    "Source document": "A document whose whole text is in the graph, every sentence of it a statement.",
    "Document": "Any document the graph knows of: the source documents and the ones they cite or refer to.",
    "Data quality": "Whether the curated files follow the project's rules (violations stop a build) and "
    "recommendations (warnings only).",
    "IRI": "The web identifier of a resource, used by SPARQL and other systems; every page keeps it behind 'Copy IRI or link'.",
}

#: Headline count key (`vocabulary.COUNTED`) → what the number counts.
COUNT_MEANINGS: dict[str, str] = {
    "statements": "Sentences and clauses quoted from the source documents.",
    "commitments": "Statements that bind their makers to act (part of the statements).",
    "documents": "Every document the graph knows of, source documents and those they cite; see 'Source documents'.",
    "forums": "Forums and processes, of every kind.",
    "meetings": "Meetings and summits the graph names.",
    "initiatives": "Initiatives and partnerships the graph names.",
    "actors": "Countries, organisations, groups and office holders the graph names.",
    "themes": "Themes of the theme list, broad and narrow.",
    "stakeholder groups": "Groups commitments say to engage.",
    "target groups": "Groups commitments are meant to benefit.",
    "regions": "Regions and country groups the graph names.",
    "sources": "Documents whose whole text is in the graph, every sentence a statement.",
}

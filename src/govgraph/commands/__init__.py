"""One module per subcommand; each defines `register(subparsers)` and sets `func` on its parser.

`options` declares the options shared by the commands that read the graph.

`SUMMARIES` repeats each command's one-line help (the `help=` of its `add_parser`), so that
`govgraph --help` and a command's own run import only the module they need: the commands
import rdflib, pyshacl, networkx, streamlit… at the top. A module missing here still works
(it is imported for every run); `tests/test_cli_start.py` keeps the two in step.
"""

SUMMARIES = {
    "app": "start the explorer web app on 127.0.0.1",
    "build": "validate and write the combined graph and the embedded store",
    "export": "write the graph as RDF, JSON-LD, CSV, GraphML or GEXF, with a DCAT description",
    "ingest": "extract candidate statements from a .txt, .md, .html or .pdf file, or a URL, into a draft",
    "merge": "validate a reviewed draft and move it into data/statements/",
    "network": "graph metrics: degree, betweenness, eigenvector, communities, paths",
    "publish": "put the graph on a SPARQL server (Graph Store Protocol)",
    "queries": "list the saved questions",
    "query": "run a saved question or an .rq file",
    "review": "print a draft's review table; accept, reject or correct its statements and resolve its candidates",
    "site": "write a static linked-data site (HTML, Turtle, JSON-LD per resource)",
    "stats": "count triples, statements, commitments, forums…",
    "validate": "check data against the shapes and the saved checks",
}

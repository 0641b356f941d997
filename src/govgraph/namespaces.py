"""Every namespace govgraph uses, declared once; all other modules import them from here."""

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VOID, XSD, DefinedNamespace

#: The default base of every govgraph IRI. `govgraph build --base` rebases a build onto another.
DEFAULT_BASE = "https://w3id.org/govgraph/"

GG = Namespace(DEFAULT_BASE + "ontology#")
ID = Namespace(DEFAULT_BASE + "id/")

#: One namespace per kind of resource, so that IRIs say what they name.
ACT = Namespace(ID + "act/")
ACTOR = Namespace(ID + "actor/")
DOC = Namespace(ID + "document/")
FORUM = Namespace(ID + "forum/")
GROUP = Namespace(ID + "group/")
INITIATIVE = Namespace(ID + "initiative/")
MEETING = Namespace(ID + "meeting/")
PLACE = Namespace(ID + "place/")
REGION = Namespace(ID + "region/")
STMT = Namespace(ID + "statement/")
THEME = Namespace(ID + "theme/")
YEAR = Namespace(ID + "year/")
WD = Namespace("http://www.wikidata.org/entity/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")

#: A namespace: ours are `Namespace`s, rdflib's closed vocabularies are `DefinedNamespace` classes.
Prefix = Namespace | type[DefinedNamespace]

#: Prefixes bound on every graph govgraph writes and offered to every query.
PREFIXES: dict[str, Prefix] = {
    "gg": GG,
    "act": ACT,
    "actor": ACTOR,
    "doc": DOC,
    "forum": FORUM,
    "group": GROUP,
    "initiative": INITIATIVE,
    "meeting": MEETING,
    "place": PLACE,
    "region": REGION,
    "stmt": STMT,
    "theme": THEME,
    "year": YEAR,
    "wd": WD,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SDO,
    "sh": SH,
    "skos": SKOS,
    "time": TIME,
    "void": VOID,
    "xsd": XSD,
}


def sparql_prologue() -> str:
    """The PREFIX lines for every namespace above, for queries written with short names."""
    return "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())

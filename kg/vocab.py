"""Namespaces and the RDF shape of the graph, shared by the graph builder,
the exporters and the named queries.

Shape (Turtle, prefixes below):

    kgr:place/370784 a kg:Place ;
        rdfs:label "安丘市"@zh ; skos:altLabel "安丘"@zh ;
        kg:adminCode "370784000000" ; kg:adminLevel "county" ;
        kg:mentionedIn kgr:article/000_260ebf55d2a37705-0 .

    kgr:place/370784 kg:locatedIn kgr:place/370700 .          # the fact itself
    kgr:statement/<hash> a kg:Statement ;                       # and its provenance
        rdf:subject kgr:place/370784 ; rdf:predicate kg:locatedIn ; rdf:object kgr:place/370700 ;
        kg:derivation kg:FromText ;          # or kg:FromName, kg:FromGazetteer
        prov:wasDerivedFrom kgr:article/… ;  # absent for gazetteer facts
        kg:evidence "山东省潍坊市安丘市扎实推进基层党建工作"@zh .

    kgr:article/003_c12282a6cabd5aaa a kg:Article ;
        dcterms:title "…"@zh ; kg:sourceFile "003_c12282a6cabd5aaa.txt" ; dcterms:creator kgr:person/… ;
        dcterms:date "2024-05-21"^^xsd:date ;   # or xsd:gYearMonth / xsd:gYear, as precise as the text
        dcterms:publisher "…日报"@zh .

    kgr:place/370784 kg:hasQuantity kgr:quantity/<hash> .      # an amount the article reports
    kgr:quantity/<hash> a kg:Quantity ;
        kg:measure "党组织"@zh ; kg:value 120.0 ; kg:unit "个" ;   # value: xsd:decimal, money in 元
        kg:approximate false ; kg:asOf "2023-12"^^xsd:gYearMonth ;    # asOf only when the text dates it
        kg:derivation kg:FromText ; prov:wasDerivedFrom kgr:article/… ; kg:evidence "…"@zh .
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

KG = Namespace("https://w3id.org/kg-dangjian/ontology#")
KGR = Namespace("https://w3id.org/kg-dangjian/resource/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

# IRI path segment for each entity type.
TYPE_SLUGS: dict[str, str] = {
    "Place": "place",
    "PartyOrganisation": "party-org",
    "Enterprise": "enterprise",
    "Programme": "programme",
    "Person": "person",
    "Organisation": "organisation",
}

# xsd datatype of an ISO date by its length: 2018-12-06, 2018-12, 2018.
DATE_TYPES: dict[int, URIRef] = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}

# Derivation individuals, keyed by kg.model METHOD_* values.
DERIVATIONS: dict[str, str] = {"text": "FromText", "name": "FromName", "gazetteer": "FromGazetteer"}

# the closed vocabularies (rdf:, xsd:, …) are rdflib DefinedNamespace classes, the others Namespace strings
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kg": KG,
    "kgr": KGR,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "xsd": XSD,
    "org": ORG,
    "schema": SCHEMA,
}

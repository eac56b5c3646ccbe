"""graphbuild's RDF vocabulary as closed rdflib namespaces, and the IRIs of its data.

:class:`GB` holds the classes and properties of ``ontology.ttl``; :class:`PLOVER` holds the
concepts of the PLOVER concept scheme. Both are ``DefinedNamespace`` with ``_fail = True``:
a term that is not in the ontology raises instead of minting a bad IRI. The vocabulary
IRIs are fixed; only the IRIs of the data (actors, events, articles) move with ``base_iri``.

Examples
--------
>>> GB.consult
rdflib.term.URIRef('https://graphbuild.example.org/ns#consult')
>>> GB.consul
Traceback (most recent call last):
...
AttributeError: term 'consul' not in namespace 'https://graphbuild.example.org/ns#'
>>> actor_iri("person/RUS/sergey-lavrov")
'https://graphbuild.example.org/actor/person/RUS/sergey-lavrov'
>>> article_iri('a "quoted" id', base_iri="http://example.com/kg/")
'http://example.com/kg/article/a%20%22quoted%22%20id'
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from ..errors import ExportError
from ..types import Modality, Plover, QuadClass, Sector

__all__ = [
    "GB",
    "PLOVER",
    "GB_NS",
    "PLOVER_NS",
    "DEFAULT_BASE_IRI",
    "PREFIXES",
    "check_base_iri",
    "actor_iri",
    "event_iri",
    "article_iri",
    "plover_iri",
    "quad_iri",
    "modality_iri",
    "sector_iri",
    "sector_from_iri",
    "mention_iri",
    "direct_property",
]

GB_NS = "https://graphbuild.example.org/ns#"
PLOVER_NS = "https://graphbuild.example.org/ns/plover#"

DEFAULT_BASE_IRI = "https://graphbuild.example.org/"
"""Where the data's IRIs live unless ``base_iri`` says otherwise.

``example.org`` is reserved for examples (RFC 2606): it resolves nowhere, so data written
with the default is clearly not published. Pass a base you control (ending in ``/`` or
``#``) to publish.
"""


class GB(DefinedNamespace):
    """graphbuild's classes and properties (see ``ontology.ttl`` for what each means)."""

    _NS = Namespace(GB_NS)
    _fail = True

    # classes and individuals
    Actor: URIRef
    Event: URIRef
    Article: URIRef
    Modality: URIRef
    Asserted: URIRef
    Planned: URIRef
    Possible: URIRef
    Reported: URIRef
    PloverScheme: URIRef
    Mention: URIRef
    SectorScheme: URIRef
    # sectors (SKOS concepts of gb:SectorScheme)
    Government: URIRef
    Military: URIRef
    Police: URIRef
    Judiciary: URIRef
    Legislature: URIRef
    Rebels: URIRef
    Opposition: URIRef
    Civilians: URIRef
    Media: URIRef
    Business: URIRef
    IGO: URIRef
    NGO: URIRef
    # event
    eventType: URIRef
    relation: URIRef
    sourceActor: URIRef
    targetActor: URIRef
    eventDate: URIRef
    modality: URIRef
    negated: URIRef
    symmetric: URIRef
    confidence: URIRef
    rule: URIRef
    mode: URIRef
    context: URIRef
    trigger: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    article: URIRef
    subjectMention: URIRef
    objectMention: URIRef
    # actor
    countryCode: URIRef
    country: URIRef
    sector: URIRef
    canonicalName: URIRef
    # article
    sourcePath: URIRef
    # direct actor -> actor properties, one per PLOVER type
    ploverType: URIRef
    agree: URIRef
    consult: URIRef
    support: URIRef
    concede: URIRef
    cooperate: URIRef
    aid: URIRef
    retreat: URIRef
    request: URIRef
    accuse: URIRef
    reject: URIRef
    threaten: URIRef
    sanction: URIRef
    protest: URIRef
    mobilize: URIRef
    coerce: URIRef
    assault: URIRef


class PLOVER(DefinedNamespace):
    """The PLOVER concept scheme: 16 event types and the 4 quad classes above them."""

    _NS = Namespace(PLOVER_NS)
    _fail = True

    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    REQUEST: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    SANCTION: URIRef
    PROTEST: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef
    VerbalCooperation: URIRef
    MaterialCooperation: URIRef
    VerbalConflict: URIRef
    MaterialConflict: URIRef


PREFIXES: dict[str, str] = {
    "gb": GB_NS,
    "plover": PLOVER_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
}
"""The prefixes graphbuild writes into Turtle/TriG and predeclares for :func:`query`."""

# Percent-encode everything but letters, digits, "-", "_", "~" and "/"; "." is encoded too
# so that a key such as "../x" cannot become a dot-segment that an IRI resolver removes.
_SAFE = "/-_~"


def _encode(key: str) -> str:
    try:
        return quote(key, safe=_SAFE).replace(".", "%2E")
    except UnicodeEncodeError as err:
        raise ExportError(f"key {key!r} is not valid Unicode text (lone surrogate)") from err


def check_base_iri(base_iri: str) -> str:
    """Return ``base_iri`` if it is an absolute IRI ending in ``/`` or ``#``, else raise.

    Examples
    --------
    >>> check_base_iri("http://example.com/kg/")
    'http://example.com/kg/'
    >>> check_base_iri("example.com")
    Traceback (most recent call last):
    ...
    graphbuild.errors.ExportError: base IRI 'example.com' must be an absolute IRI ending in '/' or '#' (like 'https://graphbuild.example.org/')
    """
    import pyoxigraph

    problem = not base_iri.endswith(("/", "#")) or ":" not in base_iri
    if not problem:
        try:
            pyoxigraph.NamedNode(base_iri + "x")
        except ValueError:
            problem = True
    if problem:
        raise ExportError(f"base IRI {base_iri!r} must be an absolute IRI ending in '/' or '#' "
                          f"(like {DEFAULT_BASE_IRI!r})")
    return base_iri


def actor_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the actor whose node key (:attr:`Actor.id`) is ``key``."""
    return f"{base_iri}actor/{_encode(key)}"


def event_iri(key: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the event whose edge key (:attr:`Event.id`) is ``key``."""
    return f"{base_iri}event/{_encode(key)}"


def article_iri(article_id: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of an article; in TriG it also names the article's graph."""
    return f"{base_iri}article/{_encode(article_id)}"


def plover_iri(plover: Plover | str) -> str:
    """The SKOS concept of a PLOVER type.

    >>> plover_iri("consult")
    'https://graphbuild.example.org/ns/plover#CONSULT'
    """
    return str(PLOVER[Plover(plover).value])


_QUAD_TERMS = {
    QuadClass.VERBAL_COOPERATION: "VerbalCooperation",
    QuadClass.MATERIAL_COOPERATION: "MaterialCooperation",
    QuadClass.VERBAL_CONFLICT: "VerbalConflict",
    QuadClass.MATERIAL_CONFLICT: "MaterialConflict",
}


def quad_iri(quad: QuadClass | str) -> str:
    """The SKOS concept of a quad class.

    >>> quad_iri("verbal conflict")
    'https://graphbuild.example.org/ns/plover#VerbalConflict'
    """
    return str(PLOVER[_QUAD_TERMS[QuadClass(quad)]])


def modality_iri(modality: Modality | str) -> str:
    """The individual of class ``gb:Modality`` for a modality.

    >>> modality_iri("planned")
    'https://graphbuild.example.org/ns#Planned'
    """
    return str(GB[Modality(modality).value.capitalize()])


_SECTOR_TERMS = {
    Sector.GOVERNMENT: "Government",
    Sector.MILITARY: "Military",
    Sector.POLICE: "Police",
    Sector.JUDICIARY: "Judiciary",
    Sector.LEGISLATURE: "Legislature",
    Sector.REBELS: "Rebels",
    Sector.OPPOSITION: "Opposition",
    Sector.CIVILIANS: "Civilians",
    Sector.MEDIA: "Media",
    Sector.BUSINESS: "Business",
    Sector.IGO: "IGO",
    Sector.NGO: "NGO",
}


def sector_iri(sector: Sector | str) -> str:
    """The SKOS concept (of ``gb:SectorScheme``) of an actor's sector.

    >>> sector_iri("military")
    'https://graphbuild.example.org/ns#Military'
    """
    return str(GB[_SECTOR_TERMS[Sector(sector)]])


def sector_from_iri(iri: str) -> str | None:
    """The :class:`Sector` value of a sector concept's IRI, or None for any other IRI.

    >>> sector_from_iri("https://graphbuild.example.org/ns#IGO")
    'igo'
    """
    return _SECTOR_BY_IRI.get(iri)


def mention_iri(event_key: str, role: str, *, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the text span an event's subject or object was read from.

    ``role`` is ``"subject"`` or ``"object"``. The role is the last path segment, so no two
    (event, role) pairs share an IRI whatever the event keys are.

    >>> mention_iri("ev-1", "object")
    'https://graphbuild.example.org/mention/ev-1/object'
    """
    if role not in ("subject", "object"):
        raise ExportError(f"mention role {role!r}; expected 'subject' or 'object'")
    return f"{base_iri}mention/{_encode(event_key)}/{role}"


def direct_property(plover: Plover | str) -> str:
    """The direct actor-to-actor property of a PLOVER type.

    >>> direct_property(Plover.CONSULT)
    'https://graphbuild.example.org/ns#consult'
    """
    return str(GB[Plover(plover).value.lower()])


_SECTOR_BY_IRI = {str(GB[term]): sector.value for sector, term in _SECTOR_TERMS.items()}

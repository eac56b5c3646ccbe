"""SHACL validation that scales: the shapes compiled to SPARQL, run set-at-a-time by pyoxigraph.

pyshacl checks one focus node at a time in Python (about 11 ms per event with the core
constraints, over 100 ms with the SPARQL constraints, whose queries it parses again for
every node), so a 50,000-event export would take many minutes whatever the chunking. The
shapes graphbuild ships use a small part of SHACL (targets by class and by subject of a
property; node kind, class and ``sh:xone`` of classes on the node; on a property with a
plain predicate path: min/max count, datatype, ``sh:in``, class, node kind, pattern,
min/max inclusive, ``sh:lessThanOrEquals``; and ``sh:sparql`` SELECT constraints). This
module turns each constraint into one SPARQL query that returns every violation at once,
and runs it in a pyoxigraph store, over the union of the file's graphs, as pyshacl checks a
dataset.

The results are pyshacl's results: same focus node, path, value, constraint component,
severity and ``sh:message`` (the tests check both engines agree on files with a violation
of every kind). A shapes file that uses anything else raises :class:`Unsupported`, and
:func:`graphbuild.rdf.shacl.validate` then uses pyshacl.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph as ox
    import rdflib

__all__ = ["Unsupported", "Check", "Violation", "prefixes", "compile_shapes", "run_checks"]

SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_CLASS_OF = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
_XSD = "http://www.w3.org/2001/XMLSchema#"
# a literal of these datatypes is well formed when it casts to the cast function's type
_CASTS = {"integer": "xsd:integer", "nonNegativeInteger": "xsd:integer",
          "double": "xsd:double", "boolean": "xsd:boolean", "date": "xsd:date",
          "decimal": "xsd:decimal", "dateTime": "xsd:dateTime"}
_SUPPORTED_NODE = {SH + p for p in ("targetClass", "targetSubjectsOf", "nodeKind", "class",
                                    "xone", "property", "sparql", "message")}
_SUPPORTED_PROPERTY = {SH + p for p in (
    "path", "minCount", "maxCount", "datatype", "in", "class", "nodeKind", "pattern",
    "flags", "minInclusive", "maxInclusive", "lessThanOrEquals", "message", "name",
    "description")}


class Unsupported(Exception):
    """The shapes use a SHACL feature this compiler does not handle."""


@dataclass(frozen=True)
class Violation:
    """One validation result, as pyshacl reports it (terms as N-Triples strings)."""

    focus: str
    path: str | None
    value: str | None
    component: str
    shape: str
    message: str | None
    severity: str = SH + "Violation"


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SPARQL SELECT of ``?this`` (and ``?value``) per violation.

    ``where`` is a group graph pattern, run over the union of the store's graphs.
    """

    where: str
    component: str
    shape: str
    path: str | None
    message: str | None
    value: str  # what sh:value is: "value" (the ?value column), "focus" or "none"


def _n3(term: Any) -> str:
    return term.n3()


def _list(g: rdflib.Graph, head: Any) -> list[Any]:
    from rdflib.collection import Collection

    return list(Collection(g, head))


def _target(g: rdflib.Graph, shape: Any) -> str:
    from rdflib import URIRef

    parts = [f"{{ ?this {_CLASS_OF} {_n3(c)} }}" for c in g.objects(shape, URIRef(SH + "targetClass"))]
    parts += [f"{{ SELECT DISTINCT ?this WHERE {{ ?this {_n3(p)} ?any_ }} }}"
              for p in g.objects(shape, URIRef(SH + "targetSubjectsOf"))]
    if not parts:
        raise Unsupported(f"shape {shape} has no target graphbuild's validator knows")
    return " UNION ".join(parts)


def _value_filter(g: rdflib.Graph, ps: Any, pred: Any, obj: Any) -> tuple[str, str] | None:
    """``(component, FILTER condition on ?value that marks a violation)`` for a value-type
    constraint, or None if ``pred`` is not one."""
    name = str(pred)[len(SH):]
    if name == "datatype":
        local = str(obj)[len(_XSD):] if str(obj).startswith(_XSD) else None
        ok = f"isLiteral(?value) && sameTerm(datatype(?value), {_n3(obj)})"
        if local in _CASTS:
            cast = _CASTS[local]
            ok += f" && sameTerm(datatype({cast}(?value)), {cast})"
            if local == "nonNegativeInteger":
                ok += " && xsd:integer(?value) >= 0"
        return "DatatypeConstraintComponent", f"!COALESCE({ok}, false)"
    if name == "in":
        members = " || ".join(f"sameTerm(?value, {_n3(m)})" for m in _list(g, obj)) or "false"
        return "InConstraintComponent", f"!({members})"
    if name == "class":
        return "ClassConstraintComponent", f"NOT EXISTS {{ ?value {_CLASS_OF} {_n3(obj)} }}"
    if name == "nodeKind":
        return "NodeKindConstraintComponent", _node_kind(obj, "?value")
    if name == "pattern":
        from rdflib import URIRef

        flags = g.value(ps, URIRef(SH + "flags"))
        regex = f"REGEX(STR(?value), {_n3(obj)}{', ' + _n3(flags) if flags else ''})"
        return "PatternConstraintComponent", f"isBlank(?value) || !COALESCE({regex}, false)"
    if name in ("minInclusive", "maxInclusive"):
        op = ">=" if name == "minInclusive" else "<="
        return (f"{name[:3].capitalize()}InclusiveConstraintComponent",
                f"!COALESCE(?value {op} {_n3(obj)}, false)")
    return None


def _node_kind(kind: Any, var: str) -> str:
    tests = {"IRI": f"isIRI({var})", "BlankNode": f"isBlank({var})",
             "Literal": f"isLiteral({var})", "BlankNodeOrIRI": f"(isBlank({var}) || isIRI({var}))",
             "IRIOrLiteral": f"(isIRI({var}) || isLiteral({var}))",
             "BlankNodeOrLiteral": f"(isBlank({var}) || isLiteral({var}))"}
    try:
        return f"!{tests[str(kind)[len(SH):]]}"
    except KeyError:
        raise Unsupported(f"node kind {kind}") from None


def _property_checks(g: rdflib.Graph, shape: Any, ps: Any, target: str) -> Iterator[Check]:
    from rdflib import Literal, URIRef

    used = {str(p) for p in g.predicates(ps, None)}
    if not used <= _SUPPORTED_PROPERTY:
        raise Unsupported(f"property shape of {shape} uses {sorted(used - _SUPPORTED_PROPERTY)}")
    path = g.value(ps, URIRef(SH + "path"))
    if not isinstance(path, URIRef):
        raise Unsupported(f"property shape of {shape} has a complex sh:path")
    message = g.value(ps, URIRef(SH + "message"))
    msg = None if message is None else str(message)
    base = dict(shape=_n3(ps), path=_n3(path), message=msg)
    values = f"{{ {target} }} ?this {_n3(path)} ?value ."
    for pred, obj in g.predicate_objects(ps):
        found = _value_filter(g, ps, pred, obj)
        if found is not None:
            component, condition = found
            yield Check(f"{values} FILTER ({condition})", SH + component, value="value", **base)
    for name, op in (("minCount", "<"), ("maxCount", ">")):
        bound = g.value(ps, URIRef(SH + name))
        if isinstance(bound, Literal):
            count = (f"{{ SELECT ?this (COUNT(DISTINCT ?v_) AS ?n_) WHERE {{ {{ {target} }} "
                     f"OPTIONAL {{ ?this {_n3(path)} ?v_ }} }} GROUP BY ?this }} "
                     f"FILTER (?n_ {op} {int(bound)})")
            yield Check(count, f"{SH}{name[:3].capitalize()}CountConstraintComponent",
                        value="none", **base)
    other = g.value(ps, URIRef(SH + "lessThanOrEquals"))
    if other is not None:
        pair = (f"{values} ?this {_n3(other)} ?other_ . "
                "FILTER (!COALESCE(?value <= ?other_, false))")
        yield Check(pair, SH + "LessThanOrEqualsConstraintComponent", value="value", **base)


def _xone_check(g: rdflib.Graph, shape: Any, head: Any, target: str) -> Check:
    from rdflib import URIRef

    classes = []
    for member in _list(g, head):
        preds = set(g.predicates(member, None))
        cls = g.value(member, URIRef(SH + "class"))
        if preds != {URIRef(SH + "class")} or cls is None:
            raise Unsupported(f"sh:xone of {shape} holds a shape other than one sh:class")
        classes.append(cls)
    count = " + ".join(f"IF(EXISTS {{ ?this {_CLASS_OF} {_n3(c)} }}, 1, 0)" for c in classes)
    return Check(f"{{ {target} }} FILTER (({count}) != 1)", SH + "XoneConstraintComponent",
                 _n3(shape), None, None, value="focus")


def _sparql_check(g: rdflib.Graph, shape: Any, constraint: Any, target: str) -> Check:
    from rdflib import URIRef

    select = g.value(constraint, URIRef(SH + "select"))
    if select is None:
        raise Unsupported(f"sh:sparql of {shape} has no sh:select")
    text = str(select).replace("$this", "?this")
    body = text[text.index("{"):]
    message = g.value(constraint, URIRef(SH + "message"))
    selects_value = "?value" in text.split("WHERE")[0]
    return Check(f"{{ {target} }} {{ SELECT * WHERE {body} }}",
                 SH + "SPARQLConstraintComponent", _n3(shape), None,
                 None if message is None else str(message),
                 value="value" if selects_value else "focus")


def _node_checks(g: rdflib.Graph, shape: Any) -> Iterator[Check]:
    from rdflib import URIRef

    used = {str(p) for p in g.predicates(shape, None)} - {
        _RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2000/01/rdf-schema#comment"}
    if not used <= _SUPPORTED_NODE:
        raise Unsupported(f"shape {shape} uses {sorted(used - _SUPPORTED_NODE)}")
    target = _target(g, shape)
    me = _n3(shape)
    for kind in g.objects(shape, URIRef(SH + "nodeKind")):
        yield Check(f"{{ {target} }} FILTER ({_node_kind(kind, '?this')})",
                    SH + "NodeKindConstraintComponent", me, None, None, value="focus")
    for cls in g.objects(shape, URIRef(SH + "class")):
        yield Check(f"{{ {target} }} FILTER NOT EXISTS {{ ?this {_CLASS_OF} {_n3(cls)} }}",
                    SH + "ClassConstraintComponent", me, None, None, value="focus")
    for head in g.objects(shape, URIRef(SH + "xone")):
        yield _xone_check(g, shape, head, target)
    for ps in g.objects(shape, URIRef(SH + "property")):
        yield from _property_checks(g, shape, ps, target)
    for constraint in g.objects(shape, URIRef(SH + "sparql")):
        yield _sparql_check(g, shape, constraint, target)


def prefixes(shapes: rdflib.Graph) -> str:
    """The ``PREFIX`` lines of every ``sh:declare`` in ``shapes``, and ``xsd:``."""
    from rdflib import URIRef

    lines = {"xsd": _XSD}
    for decl in shapes.objects(None, URIRef(SH + "declare")):
        prefix = shapes.value(decl, URIRef(SH + "prefix"))
        namespace = shapes.value(decl, URIRef(SH + "namespace"))
        if prefix is not None and namespace is not None:
            lines[str(prefix)] = str(namespace)
    return "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(lines.items()))


def compile_shapes(shapes: rdflib.Graph) -> list[Check]:
    """Every constraint of every node shape of ``shapes`` as a :class:`Check`.

    Raises
    ------
    Unsupported
        If a shape uses a SHACL feature outside the subset described above.
    """
    from rdflib import RDF, URIRef

    checks: list[Check] = []
    for shape in sorted(set(shapes.subjects(RDF.type, URIRef(SH + "NodeShape")))):
        checks.extend(_node_checks(shapes, shape))
    return checks


def _term(value: Any) -> str | None:
    return None if value is None else str(value)


def _run(store: ox.Store, check: Check, header: str) -> list[Violation]:
    columns = "?this ?value" if check.value == "value" else "?this"
    query = f"{header}SELECT DISTINCT {columns} WHERE {{ {check.where} }}"
    out = []
    for row in store.query(query, use_default_graph_as_union=True):
        value = row["value"] if check.value == "value" else (
            row["this"] if check.value == "focus" else None)
        out.append(Violation(str(row["this"]), check.path, _term(value), check.component,
                             check.shape, check.message))
    return out


def run_checks(store: ox.Store, checks: list[Check], header: str, *, threads: int = 2
               ) -> list[Violation]:
    """Run ``checks`` (``header``: their PREFIX lines) over the union of the graphs of
    ``store``, as pyshacl checks a dataset; ``threads`` queries at a time (pyoxigraph
    evaluates them outside the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max(1, threads)) as pool:
        batches = list(pool.map(lambda check: _run(store, check, header), checks))
    return list(dict.fromkeys(v for batch in batches for v in batch))

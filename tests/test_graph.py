import datetime as dt

import networkx as nx

from graphbuild.graph import (
    build_graph,
    count_by_type,
    event_from_edge,
    event_records,
    filter_events,
    merge_duplicate_events,
    merge_graphs,
)
from graphbuild.types import Actor, ActorType, Article, Event, Modality, Plover

FR = Actor("France", ActorType.COUNTRY, "FRA")
DE = Actor("Germany", ActorType.COUNTRY, "DEU", aliases=("Berlin",))
P = Actor("Jane Roe", ActorType.PERSON, "FRA", role="Foreign Minister")


def ev(src, tgt, plover=Plover.CONSULT, art="a1", start=0, **kw):
    return Event(art, src, tgt, plover, kw.pop("relation", "meet"), "Some sentence.", start,
                 start + 14, **kw)


def test_nodes_and_edges_carry_what_the_issue_lists():
    G = build_graph([ev(P, DE, symmetric=True, date=dt.date(2024, 1, 2))],
                    [Article("a1", "text", title="T", date=dt.date(2024, 1, 3))])
    assert isinstance(G, nx.MultiDiGraph)
    node = G.nodes[P.id]
    assert node["label"] == "Jane Roe" and node["type"] == "PERSON"
    assert node["country"] == "FRA" and node["role"] == "Foreign Minister"
    assert "Berlin" in G.nodes[DE.id]["aliases"]
    (u, v, key, d), = G.edges(keys=True, data=True)
    assert key.startswith("ev-")
    assert d["plover"] == "CONSULT" and d["quad"] == "verbal cooperation"
    for field in ("negated", "modality", "sentence", "start", "end", "article_id", "confidence"):
        assert field in d
    assert d["date"] == "2024-01-02"
    assert G.graph["articles"]["a1"]["date"] == "2024-01-03"


def test_symmetric_event_is_one_edge():
    G = build_graph([ev(FR, DE, symmetric=True)])
    assert G.number_of_edges() == 1


def test_edge_round_trips_to_event():
    e = ev(P, DE, negated=True, modality=Modality.PLANNED, date=dt.date(2024, 5, 1))
    G = build_graph([e])
    (u, v, k), = G.edges(keys=True)
    back = event_from_edge(G, u, v, k)
    assert back.id == e.id and back.negated and back.modality is Modality.PLANNED
    assert back.date == dt.date(2024, 5, 1)


def test_same_event_in_two_articles_becomes_one_with_two_sources():
    day = dt.date(2024, 3, 4)
    G = build_graph([ev(FR, DE, art="a1", date=day, symmetric=True),
                     ev(DE, FR, art="a2", date=day + dt.timedelta(days=1), symmetric=True),
                     ev(FR, DE, art="a3", date=day + dt.timedelta(days=9), symmetric=True)])
    H = merge_duplicate_events(G)
    assert H.number_of_edges() == 2
    sources = sorted(len(d["sources"]) for _, _, d in H.edges(data=True))
    assert sources == [1, 2]


def test_negated_and_asserted_are_not_merged():
    G = build_graph([ev(FR, DE, art="a1"), ev(FR, DE, art="a2", negated=True)])
    assert merge_duplicate_events(G).number_of_edges() == 2


def test_filter_and_count():
    G = build_graph([ev(FR, DE), ev(FR, DE, Plover.ACCUSE, start=20, relation="accuse"),
                     ev(P, DE, modality=Modality.PLANNED, start=40)])
    assert count_by_type(G) == {"CONSULT": 2, "ACCUSE": 1}
    H = filter_events(G, happened_only=True)
    assert H.number_of_edges() == 2 and P.id not in H
    assert filter_events(G, plover=["accuse"]).number_of_edges() == 1


def test_merge_graphs_keeps_each_event_once():
    G1 = build_graph([ev(FR, DE)])
    G2 = build_graph([ev(FR, DE), ev(P, DE, start=30)])
    M = merge_graphs([G1, G2])
    assert M.number_of_edges() == 2 and M.number_of_nodes() == 3


def test_event_records_have_the_extract_fields():
    rec, = event_records(build_graph([ev(P, DE)]))
    assert rec["subject"] == "Jane Roe" and rec["object_country"] == "DEU"
    assert rec["plover"] == "CONSULT"


def test_graph_from_records_rebuilds_actors_events_and_article_dates():
    import json

    import pytest

    from graphbuild.errors import InputError
    from graphbuild.graph import graph_from_records

    events = [ev(P, DE), Event("a2", FR, DE, Plover.AGREE, "sign", "They signed.", 0, 12,
                                symmetric=True, modality=Modality.PLANNED,
                                date=dt.date(2024, 5, 2))]
    G = build_graph(events, [Article("a2", "...", date=dt.date(2024, 5, 1))])
    H = graph_from_records(json.loads(json.dumps(r, default=str)) for r in event_records(G))
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        assert H.edges[u, v, k] == d
    for n in G:
        assert {a: H.nodes[n][a] for a in ("label", "type", "country")} == \
            {a: G.nodes[n][a] for a in ("label", "type", "country")}
    assert H.graph["articles"]["a2"]["date"] == "2024-05-01"
    with pytest.raises(InputError) as err:
        graph_from_records([next(event_records(G)), {"doc_id": "x", "subject": "A",
                                                     "object": "B", "plover": "MEET"}])
    assert err.value.line == 2


def test_event_dict_round_trip_is_lossless_and_json():
    import json

    from graphbuild.graph import article_from_dict, article_to_dict, event_from_dict, event_to_dict

    e = ev(P, DE, symmetric=True, date=dt.date(2024, 1, 2), negated=True, modality=Modality.PLANNED,
           confidence=0.123, rule="verb:meet", mode="visit", context="energy", trigger="met",
           sources=("a1", "a2"))
    back = event_from_dict(json.loads(json.dumps(event_to_dict(e))))
    assert back == e and back.id == e.id
    # every field is carried, including fields added to the types later
    import dataclasses

    assert set(event_to_dict(e)) == {f.name for f in dataclasses.fields(Event)}
    assert set(event_to_dict(e)["source"]) == {f.name for f in dataclasses.fields(Actor)}
    keyed = Actor("U.N.", ActorType.ORG, key="United Nations")
    again = event_from_dict(json.loads(json.dumps(event_to_dict(ev(keyed, DE)))))
    assert again.source == keyed and again.source.id == keyed.id
    assert back.source.role == "Foreign Minister" and back.target.aliases == ("Berlin",)
    a = Article("a1", "text", title="T", date=dt.date(2024, 1, 3), url="http://x", source="f.txt")
    assert article_from_dict(json.loads(json.dumps(article_to_dict(a)))) == a

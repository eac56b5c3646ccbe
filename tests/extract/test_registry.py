"""Extractors sit in a registry; a user's own extractor runs beside ours."""

from __future__ import annotations

import pytest

from graphbuild.errors import RegistryError
from graphbuild.extract import registry
from graphbuild.pipeline import Config, run
from graphbuild.types import Actor, ActorType, Event, Plover


def my_extractor(doc, *, article):
    """Codes every mention of the word 'embargo' as a SANCTION from Spain to Bolivia."""
    for sent in doc.sents:
        if any(t.lower_ == "embargo" for t in sent):
            yield Event(article.id, Actor("Spain", ActorType.COUNTRY, "ESP"),
                        Actor("Bolivia", ActorType.COUNTRY, "BOL"), Plover.SANCTION, "embargo",
                        sent.text, sent.start_char, sent.end_char, rule="user:embargo")


def test_user_extractor_runs_beside_ours(nlp):
    registry.register_extractor("test-embargo.v1", my_extractor)
    try:
        G, stats = run(["Canada met Mexico on Friday. The embargo went on."],
                       config=Config(extractors=("events.v1", "test-embargo.v1")), nlp=nlp)
    finally:
        registry.unregister("test-embargo.v1")
    rules = {d["rule"].split(":")[0] for _, _, d in G.edges(data=True)}
    assert "user" in rules and "verb" in rules


def test_registry_lookup_errors_list_what_exists():
    with pytest.raises(RegistryError, match="events.v1"):
        registry.get("nope.v9")


def test_a_taken_name_is_refused_for_another_function():
    registry.register_extractor("test-taken.v1", my_extractor)
    try:
        registry.register_extractor("test-taken.v1", my_extractor)  # same function: harmless
        with pytest.raises(RegistryError, match="already registered"):
            registry.register_extractor("test-taken.v1", lambda doc, *, article: iter(()))
    finally:
        registry.unregister("test-taken.v1")


def test_every_registered_extractor_yields_valid_events(nlp):
    from graphbuild.actors.resolve import resolve
    from graphbuild.ingest import article_from_text

    text = "Canada met Mexico on Friday. Spain accused Austria of spying."
    article = article_from_text(text, id="t")
    doc = nlp(text)
    for name in registry.names():
        for ev in registry.create(name)(doc, article=article, actors=resolve(doc)):
            assert isinstance(ev, Event) and ev.source.id != ev.target.id
            assert text[ev.start:ev.end] == ev.sentence
            assert 0 < ev.confidence <= 1 and ev.rule


def test_actors_are_resolved_once_per_doc_and_passed_to_every_extractor(nlp):
    from graphbuild.actors.resolve import Resolution

    got: list[tuple[str, object]] = []

    def takes_actors(doc, *, article, actors):
        got.append(("named", actors))
        return iter(())

    def takes_options(doc, *, article, **options):
        got.append(("options", options.get("actors")))
        return iter(())

    def takes_article_only(doc, *, article):
        got.append(("plain", None))
        return iter(())

    names = ("test-actors.v1", "test-options.v1", "test-plain.v1")
    for name, fn in zip(names, (takes_actors, takes_options, takes_article_only), strict=True):
        registry.register_extractor(name, fn)
    try:
        G, _ = run(["Canada met Mexico on Friday."], config=Config(extractors=("events.v1", *names)), nlp=nlp)
    finally:
        for name in names:
            registry.unregister(name)
    (_, named), (_, via_options), plain = got
    assert isinstance(named, Resolution) and via_options is named and plain == ("plain", None)
    assert any(d["plover"] == "CONSULT" for _, _, d in G.edges(data=True))  # events.v1 got them too


def test_the_event_extractor_takes_the_resolution_it_is_given(nlp):
    from graphbuild.actors.resolve import UserActor, resolve
    from graphbuild.ingest import article_from_text

    text = "The rebels attacked Chad on Monday."
    doc, article = nlp(text), article_from_text(text, id="t")
    extract = registry.create("events.v1")
    mine = UserActor("Northern Front", ActorType.ORG, "NER", aliases=("rebels",))
    plain = {e.source.label for e in extract(doc, article=article, actors=resolve(doc))}
    told = {e.source.label for e in extract(doc, article=article, actors=resolve(doc, user_actors=[mine]))}
    assert "Northern Front" in told and "Northern Front" not in plain

import dataclasses

import pytest

from graphbuild.types import Actor, ActorType, Event, Modality, Plover, QuadClass, slugify


def test_every_plover_type_has_a_quad_class():
    assert len(Plover) == 16
    counts = {q: sum(1 for p in Plover if p.quad is q) for q in QuadClass}
    assert counts == {QuadClass.VERBAL_COOPERATION: 4, QuadClass.MATERIAL_COOPERATION: 3,
                      QuadClass.VERBAL_CONFLICT: 5, QuadClass.MATERIAL_CONFLICT: 4}


def test_closed_vocabularies_reject_typos():
    with pytest.raises(ValueError):
        Plover("CONSLUT")
    with pytest.raises(ValueError):
        ActorType("NATION")
    assert Plover("sanction") is Plover.SANCTION


def test_actor_ids_are_stable_and_safe():
    a = Actor("Çavuşoğlu", ActorType.PERSON, "TUR")
    assert a.id == Actor("Çavuşoğlu", ActorType.PERSON, "TUR", role="Foreign Minister").id
    assert a.id == "person/TUR/cavusoglu"
    assert Actor("Kremlin", ActorType.COUNTRY, "RUS").id == "country/RUS"
    assert slugify('<"x"> \n y') == "x-y"


def _event(**kw):
    a = Actor("A Person", ActorType.PERSON, "FRA")
    b = Actor("Germany", ActorType.COUNTRY, "DEU")
    base = dict(article_id="art", source=a, target=b, plover=Plover.CONSULT, relation="meet",
                sentence="s", start=0, end=1)
    base.update(kw)
    return Event(**base)


def test_event_is_frozen_and_id_stable():
    ev = _event()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.negated = True  # type: ignore[misc]
    assert ev.id == _event().id
    assert ev.id != _event(start=5).id
    assert ev.id != _event(negated=True).id


def test_symmetric_event_id_ignores_direction():
    e1 = _event(symmetric=True)
    e2 = _event(symmetric=True, source=e1.target, target=e1.source)
    assert e1.id == e2.id


def test_happened_only_for_asserted_non_negated():
    assert _event().happened
    assert not _event(negated=True).happened
    assert not _event(modality=Modality.PLANNED).happened
    assert not _event(modality=Modality.POSSIBLE).happened

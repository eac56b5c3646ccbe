"""Argument spans: each event's subject and object mentions, as offsets into the article's text."""

from __future__ import annotations

import pytest

from graphbuild.pipeline import Config, extract_articles
from graphbuild.types import Article

pytestmark = pytest.mark.usefixtures("nlp")


def _events(text: str, **config):
    article = Article("spans", text, source="spans.txt")
    return [ev for _, evs in extract_articles([article], config=Config(**config)) for ev in evs]


def _mentions(text: str, **config) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    """(source, type, target) -> (subject mention, object mention), read from the article's text."""
    out = {}
    for ev in _events(text, **config):
        subject = None if ev.subject_start is None else text[ev.subject_start:ev.subject_end]
        obj = None if ev.object_start is None else text[ev.object_start:ev.object_end]
        out[(ev.source.label, ev.plover.value, ev.target.label)] = (subject, obj)
    return out


def test_active_voice_names_the_title_with_the_name():
    spans = _mentions("Chilean Foreign Minister Ana Ruiz visited Peru on Monday.")
    assert spans[("Ana Ruiz", "CONSULT", "Peru")] == ("Chilean Foreign Minister Ana Ruiz", "Peru")


def test_passive_voice_keeps_the_agent_as_subject():
    spans = _mentions("Peru was attacked by Chilean troops on Sunday.")
    assert spans[("Chilean Troops", "ASSAULT", "Peru")] == ("Chilean troops", "Peru")


def test_each_event_of_a_coordination_has_its_own_conjuncts():
    spans = _mentions("Argentina, Brazil and Uruguay met in Montevideo.")
    assert spans[("Argentina", "CONSULT", "Brazil")] == ("Argentina", "Brazil")
    assert spans[("Argentina", "CONSULT", "Uruguay")] == ("Argentina", "Uruguay")
    assert spans[("Brazil", "CONSULT", "Uruguay")] == ("Brazil", "Uruguay")
    hosted = _mentions("Ecuador hosted Colombia and Venezuela for talks.")
    assert hosted[("Ecuador", "CONSULT", "Venezuela")] == ("Ecuador", "Venezuela")


def test_a_possessive_owner_is_the_name_without_its_marker():
    assert _mentions("Bolivia rejected Chile's request for talks.")[("Bolivia", "REJECT", "Chile")] == (
        "Bolivia", "Chile")
    spans = _mentions("Peru's foreign ministry criticised Chile on Friday.")
    assert spans[("Peruvian Foreign Ministry", "ACCUSE", "Chile")] == ("Peru's foreign ministry", "Chile")


def test_a_pronoun_or_a_short_name_is_its_own_mention():
    text = ("Chilean President Maria Soto arrived in Lima on Monday. She met Peruvian President Luis "
            "Vega on Tuesday. Soto later criticised Vega.")
    spans = _mentions(text)
    assert spans[("Maria Soto", "CONSULT", "Luis Vega")] == ("She", "Peruvian President Luis Vega")
    assert spans[("Maria Soto", "ACCUSE", "Luis Vega")] == ("Soto", "Vega")
    evs = [e for e in _events(text) if e.plover.value == "ACCUSE"]
    assert evs[0].subject_start == text.rindex("Soto")  # not the first mention of her


def test_a_group_named_once_is_the_mention_of_each_of_its_members():
    spans = _mentions("Chilean President Maria Soto met Peruvian President Luis Vega in Lima. "
                      "The two leaders discussed trade.")
    assert spans[("Luis Vega", "CONSULT", "Maria Soto")] == ("The two leaders", "The two leaders")


def test_appositions_join_the_mention():
    spans = _mentions("Chilean Foreign Minister Ana Ruiz met her Peruvian counterpart, Luis Vega, in Lima.")
    assert spans[("Ana Ruiz", "CONSULT", "Luis Vega")] == (
        "Chilean Foreign Minister Ana Ruiz", "her Peruvian counterpart, Luis Vega")
    spans = _mentions("Luis Vega, Peru's foreign minister, criticised Chile on Monday.")
    assert spans[("Luis Vega", "ACCUSE", "Chile")] == ("Luis Vega, Peru's foreign minister", "Chile")


def test_a_target_the_text_does_not_name_has_no_span():
    # a protest aimed at no one named is coded against the protesters' own state, which the
    # sentence does not mention: no object span, rather than the protesters' own words
    spans = _mentions("Kenyan students staged a protest on Monday.")
    assert spans[("Kenyan Students", "PROTEST", "Kenya")] == ("Kenyan students", None)


def test_spans_of_the_second_block_of_a_long_article_point_into_the_whole_text():
    filler = "The weather was mild and the markets were calm all week long in the capital city. "
    first = "Kenya accused Ethiopia of aggression on Monday."
    second = "Chilean Foreign Minister Ana Ruiz visited Peru on Friday."
    text = first + "\n\n" + filler * 6 + "\n\n" + second + "\n"
    whole = _mentions(text)
    blocks = _mentions(text, block_chars=300)
    assert blocks == whole
    assert blocks[("Ana Ruiz", "CONSULT", "Peru")] == ("Chilean Foreign Minister Ana Ruiz", "Peru")
    ev, = [e for e in _events(text, block_chars=300) if e.target.label == "Peru"]
    assert ev.start > 300 and ev.start <= ev.subject_start < ev.subject_end <= ev.object_start < ev.end


def test_spans_without_the_prefilter_are_the_same():
    text = ("The weather was mild all week. Chilean Foreign Minister Ana Ruiz visited Peru on Monday. "
            "Markets were calm.")
    assert _mentions(text) == _mentions(text, prefilter=False)
    assert _mentions(text)[("Ana Ruiz", "CONSULT", "Peru")] == ("Chilean Foreign Minister Ana Ruiz", "Peru")


def test_mention_span_on_a_hand_built_parse(parse):
    """The run of tokens mapped to the actor, without a possessive marker, with its closing bracket."""
    from graphbuild.actors.context import Resolution
    from graphbuild.extract.spans import mention_span
    from graphbuild.types import Actor, ActorType

    doc = parse("""
        Chile     PROPN NNP  poss     2
        's        PART  POS  case     0
        envoy     NOUN  NN   nsubj    3
        met       VERB  VBD  ROOT     3
        the       DET   DT   det      6
        Andean    PROPN NNP  compound 6
        League    PROPN NNP  dobj     3
        (         PUNCT -LRB- punct   8
        AL        PROPN NNP  appos    6
        )         PUNCT -RRB- punct   8
        .         PUNCT .    punct    3
    """)
    chile = Actor("Chile", ActorType.COUNTRY, "CHL")
    league = Actor("Andean League", ActorType.ORG)
    res = Resolution(by_token={0: [chile], 1: [chile], 4: [league], 5: [league], 6: [league], 8: [league]})
    start, end = mention_span(doc[0], chile, res)
    assert doc.text[start:end] == "Chile"
    assert mention_span(doc[6], league, res) == (doc[4].idx, doc[9].idx + 1)  # "the Andean League (AL)"
    # a token the resolver did not map stands with the words before it that modify it
    start, end = mention_span(doc[2], chile, res)
    assert doc.text[start:end] == "Chile's envoy"

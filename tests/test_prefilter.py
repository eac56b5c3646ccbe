"""The prefilter: cheap sentence cut, trigger forms, blanking that keeps offsets, same events."""

from __future__ import annotations

import re

import pytest

from graphbuild import prefilter as pf
from graphbuild.extract import registry
from graphbuild.extract.lexicon import load_lexicon
from graphbuild.extract.triggers import declared_triggers
from graphbuild.types import Article


def builtin(**options):
    """The prefilter of the built-in extractor, from the triggers it declares."""
    return pf.make_prefilter(registry.create("events.v1").triggers, **options)

ARTICLE = (
    "Nordic ministers meet in Oslo\n\n"
    "The weather in Oslo was cold and grey on Monday morning. "
    "Norwegian Foreign Minister Anna Berg welcomed her Swedish counterpart, Lars Holm, at the "
    "airport. Berg and Holm held talks on fishing rights for three hours. "
    "The harbour was busy with ferries. Local cafés were full.\n\n"
    "Later, Norway accused Russia of violating its airspace. Moscow rejected the accusation. "
    "Officials said the two countries would resume talks in the spring. "
    "Prices of salmon rose by two percent.\n"
)


def test_split_covers_the_text_and_respects_abbreviations():
    text = "Mr. Berg met Dr. Holm at 9 a.m. on Monday. The U.S. envoy left.\nNew line here"
    spans = pf.split_sentences(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert [text[a:b].strip() for a, b in spans] == [
        "Mr. Berg met Dr. Holm at 9 a.m. on Monday.", "The U.S. envoy left.", "New line here"]


def _plain_split(text):
    """The sentence cut as first written: the word before a stop looked for from the line's start."""
    spans, start = [], 0
    for line in re.finditer(r"[^\n]*\n|[^\n]+$", text):
        a, b = line.span()
        for m in pf._END.finditer(text, a, b):
            word = pf._LAST_WORD.search(text, a, m.end())
            if word is not None:
                w = word.group(1).lower().rstrip(".")
                if len(w) == 1 or "." in w or w in pf._ABBREVIATIONS:
                    continue
            cut = m.end()
            while cut < b and text[cut] in " \t":
                cut += 1
            if cut > start:
                spans.append((start, cut))
                start = cut
        if b > start:
            spans.append((start, b))
            start = b
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@pytest.mark.parametrize("text", [
    ARTICLE,
    "Mr. Berg met Dr. Holm at 9 a.m. on Monday. The U.S. envoy left.\nNew line here",
    "He said \"No.\" Then Gen. Holm (ret.) left!? Talks resume in Jan. 2025. Prices rose.",
    "A\tlong.dotted.word.Q. Oslo replied.\tLars.Holm. Then\tX. Y left. Bergen?! Yes.",
    "Nospacehere.Until.Now. Then a stop. " * 3 + "e.g. Norway. I. Berg met U.N. envoys.",
    "", "\n\n", "One sentence without a stop",
])
def test_the_word_before_a_stop_is_read_as_from_the_line_start(text):
    assert pf.split_sentences(text) == _plain_split(text)


def test_surface_forms_regular_and_irregular():
    assert {"meet", "meets", "meeting", "met"} <= pf.surface_forms("meet")
    assert {"withdraw", "withdrew", "withdrawn", "withdrawing"} <= pf.surface_forms("withdraw")
    assert {"ban", "bans", "banned", "banning"} <= pf.surface_forms("ban")
    assert {"crisis", "crises"} <= pf.surface_forms("crisis")
    assert {"pledge", "pledged", "pledging", "pledges"} <= pf.surface_forms("pledge")


def test_blanking_keeps_length_offsets_and_line_breaks():
    f = pf.Prefilter(verbs={"meet"})
    text = "It rained.\nThe sky was grey. Berg met Holm. Fish swam.\n\nBirds sang.\n"
    out = f.filter(text)
    assert len(out.text) == len(text)
    assert [i for i, c in enumerate(out.text) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    start = text.index("Berg met Holm.")
    assert out.text[start:start + 14] == "Berg met Holm."
    assert "sky was grey" in out.text  # the sentence before a trigger sentence stays
    assert "rained" not in out.text and "Fish" not in out.text and "Birds" not in out.text
    assert (out.kept, out.dropped) == (2, 3)


def test_full_names_are_kept_for_later_surnames():
    f = pf.Prefilter(verbs={"meet"})
    text = "Anna Berg arrived on Sunday. It was late. Nothing happened. Berg met Holm."
    out = f.filter(text).text
    assert "Anna Berg arrived" in out  # a full name
    assert "Nothing happened" in out  # the sentence before the trigger
    assert "It was late" not in out
    text = "The sun rose. It was late. Nothing happened. Berg met Holm."
    assert "The sun rose" not in f.filter(text).text


def test_conditional_triggers_need_their_companion_word():
    f = pf.Prefilter(needs={"oil": {"cut"}, "step": {"down"}})
    assert not f.has_trigger("Norway sells oil.")
    assert f.has_trigger("Norway cut oil deliveries to Russia.")
    assert f.has_trigger("The minister stepped down.")
    assert not f.has_trigger("The minister stepped in.")


def test_a_sentence_without_a_possible_actor_is_dropped():
    f = pf.Prefilter(verbs={"talk"})
    out = f.filter("The talks were long. Berg talked to Holm.")
    assert "The talks were long." in out.text  # kept as the sentence before
    out = f.filter("The weather was fine today. The talks were long.")
    assert out.kept == 0


def test_no_trigger_no_text():
    out = builtin().filter("The weather was fine. Prices of salmon rose.")
    assert out.text.strip() == "" and out.dropped == 2


def test_every_lexicon_lemma_is_recognised():
    from graphbuild.extract.lexicon import load_lexicon

    lex = load_lexicon()
    f = pf.make_prefilter(declared_triggers(lex))
    for lemma, entries in lex.verbs.items():
        needs = [t.particle for t in entries if t.particle]
        sentence = f"Norway {lemma} {needs[0] if needs and all(t.particle for t in entries) else ''} Sweden."
        assert f.has_trigger(sentence), lemma
    for lemma, entries in lex.nouns.items():
        verb = next((v for t in entries for v in t.verbs), "") if all(t.verbs for t in entries) else ""
        assert f.has_trigger(f"Norway {verb} the {lemma} of Sweden."), lemma


def test_the_extractors_own_triggers_beside_the_lexicon_are_declared():
    # the naming and saying triggers are not in the lexicon: the extractor declares them
    f = builtin()
    assert f.has_trigger("Norway called the move unfriendly.")
    assert f.has_trigger("Norway said Russia must withdraw.")
    assert not f.has_trigger("Norway said it was sunny.")


def test_the_event_extractor_declares_a_user_lexicon_entry(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("phrase,plover,mode,symmetric\nbrandish sabres at,THREATEN,,false\n", encoding="utf-8")
    text = "Norway brandished sabres at Sweden."
    assert builtin().filter(text).kept == 0
    mine = registry.create("events.v1", lexicon=load_lexicon(path)).triggers
    assert pf.make_prefilter(mine).filter(text).kept == 1


def test_triggers_of_several_extractors_are_merged():
    a = pf.Triggers(words={"meet"}, needs={"cut": {"oil"}})
    b = pf.Triggers(words={"Embargo"}, needs={"cut": {"gas"}})
    f = pf.make_prefilter([a, b])
    assert f.has_trigger("The embargo held.") and f.has_trigger("Norway cut gas exports.")
    assert f.has_trigger("Norway cut oil exports.") and not f.has_trigger("Norway cut wages.")


@pytest.mark.parametrize("text", [ARTICLE, ARTICLE.replace("\n\n", " ")])
def test_same_events_with_and_without_prefilter(nlp, text):
    from graphbuild.pipeline import Config, extract_articles

    assert builtin().filter(text).dropped >= 2  # the test is not vacuous
    article = Article("nordic", text)
    on = [e for _, evs in extract_articles([article], config=Config(prefilter=True), nlp=nlp) for e in evs]
    off = [e for _, evs in extract_articles([article], config=Config(prefilter=False), nlp=nlp) for e in evs]
    assert on and on == off
    assert all(e.sentence == text[e.start:e.end] for e in on)


def test_lowercase_user_actor_names_count_as_actors():
    class UA:  # the fields of graphbuild.actors.resolve.UserActor the prefilter reads
        name, aliases = "Northern raiders", ("raiders",)

    text = "The raiders attacked the convoy."  # no word the resolver makes an actor of
    assert builtin().filter(text).kept == 0
    assert builtin(user_actors=[UA()]).filter(text).kept == 1


# sentences whose actors are groups, sectors, people at large; but for the first, their only
# capital is their opening function word
UNCAPITALISED = [
    "Police detained dozens of protesters on Sunday.",
    "The rebels freed 30 prisoners.",  # a sector word
    "The police detained dozens of protesters overnight.",
    "The militants released two hostages overnight.",
    "The security forces arrested dozens of students.",  # a group noun phrase
    "After the riot, the police arrested 12 students.",
]


@pytest.mark.parametrize("text", UNCAPITALISED)
def test_a_group_or_sector_without_a_capital_keeps_its_sentence(nlp, text):
    from graphbuild.pipeline import Config, extract, extract_articles

    if text.startswith(("The ", "After ")):
        assert not any(c.isupper() for c in text[1:])  # no name, state or demonym keeps it
    assert builtin().filter(text).kept == 1
    on = extract(text)
    off = [e for _, evs in extract_articles([Article("text", text)], config=Config(prefilter=False),
                                            nlp=nlp) for e in evs]
    assert on and on == off
    assert on[0].source.sector is not None


def test_a_trigger_sentence_without_an_actor_word_stays_skipped():
    from graphbuild.pipeline import extract

    text = "The talks were cancelled."
    f = builtin()
    assert f.has_trigger(text) and not f.may_name_actor(text)
    assert f.filter(text).kept == 0
    assert extract(text) == []


def test_actor_nouns_come_from_the_resolvers_tables():
    from graphbuild.actors import gazetteer as gz
    from graphbuild.actors.people import load_people_nouns
    from graphbuild.actors.sectors import load_sector_words
    from graphbuild.actors.words import words

    nouns = pf.actor_nouns()
    assert pf.actor_nouns() is nouns  # read once
    assert set(load_sector_words()) <= nouns and {"insurgents", "policemen", "militias"} <= nouns
    assert {n.split()[-1] for n in load_people_nouns()} <= nouns and {"civilians", "children"} <= nouns
    assert {"troops", "forces", "authorities", "ministry"} <= nouns
    assert {f.split()[-1] for f in gz.group_forms() if " of " not in f} <= nouns
    assert words().population_nouns <= nouns
    assert not {"talks", "weather", "prices", "forced", "cancelled"} & nouns


def test_an_unknown_extractor_sees_the_whole_text(nlp):
    from graphbuild.extract import registry
    from graphbuild.pipeline import Config, extract_articles

    seen: list[str] = []

    def spy(doc, *, article):
        seen.append(doc.text)
        return iter(())

    registry.register_extractor("test-spy.v1", spy)
    try:
        text = "The embargo went on. Prices rose."
        list(extract_articles([Article("a", text)], config=Config(extractors=("events.v1", "test-spy.v1")),
                              nlp=nlp))
    finally:
        registry.unregister("test-spy.v1")
    assert seen == [text]


def test_a_user_extractor_that_declares_its_triggers_keeps_the_prefilter_on(nlp):
    from graphbuild.pipeline import Config, extract_articles

    seen: list[str] = []

    def embargo_spy(doc, *, article, **_):
        seen.append(doc.text)
        return iter(())

    embargo_spy.triggers = pf.Triggers(words={"embargo"})
    registry.register_extractor("test-embargo-spy.v1", embargo_spy)
    try:
        text = "Prices of salmon rose. It rained all day in Oslo. Sweden kept its embargo on Norway."
        list(extract_articles([Article("a", text)], config=Config(extractors=("test-embargo-spy.v1",)), nlp=nlp))
    finally:
        registry.unregister("test-embargo-spy.v1")
    (parsed,) = seen
    assert len(parsed) == len(text) and "Sweden kept its embargo on Norway." in parsed
    assert "salmon" not in parsed and "It rained all day in Oslo." in parsed  # the sentence before stays

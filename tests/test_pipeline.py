"""The Python API on the seed article: build() and extract()."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

import graphbuild
from graphbuild.types import Modality

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _pairs(G, plover):
    out = set()
    for u, v, d in G.edges(data=True):
        if d["plover"] == plover:
            out.add(frozenset((G.nodes[u]["label"], G.nodes[v]["label"])))
    return out


def test_the_seed_meetings_come_out(nlp):
    G = graphbuild.build(SEEDS)
    assert isinstance(G, nx.MultiDiGraph)
    consult = _pairs(G, "CONSULT")
    for pair in ({"S. Jaishankar", "Sergey Lavrov"}, {"Nikolay Patrushev", "Ajit Doval"},
                 {"Nikolay Patrushev", "Biswajit Dasgupta"}):
        assert frozenset(pair) in consult, pair
    # the president's visit is planned, never shown as having happened
    visits = [d for u, v, d in G.edges(data=True)
              if "Vladimir Putin" in (G.nodes[u]["label"], G.nodes[v]["label"]) and d["plover"] == "CONSULT"]
    assert visits and all(d["modality"] == "planned" for d in visits)


def test_people_keep_their_country_and_office(nlp):
    G = graphbuild.build(SEEDS)
    people = {d["label"]: d for _, d in G.nodes(data=True) if d["type"] == "PERSON"}
    assert people["S. Jaishankar"]["country"] == "IND"
    assert people["S. Jaishankar"]["role"] == "External Affairs Minister"
    assert people["Sergey Lavrov"]["country"] == "RUS"
    assert people["Ajit Doval"]["country"] == "IND"


def test_extract_text_and_the_no_model_import():
    import subprocess
    import sys

    code = "import graphbuild, sys; print('spacy' in sys.modules, 'rdflib' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_extract_returns_events(nlp):
    events = graphbuild.extract("Canada will host Mexico for talks next week.", date="2024-03-04")
    assert events
    assert all(e.modality in (Modality.PLANNED, Modality.ASSERTED) for e in events)
    assert {e.source.label for e in events} >= {"Canada"}


def test_build_from_texts_and_date(nlp):
    G = graphbuild.build(["Canada met Mexico on Monday.", "Spain accused Austria of spying."],
                         date="2024-03-06")
    assert set(d["plover"] for _, _, d in G.edges(data=True)) == {"CONSULT", "ACCUSE"}
    (d,) = [d for _, _, d in G.edges(data=True) if d["plover"] == "CONSULT"]
    assert d["date"] == "2024-03-04"


# --- a sentence without end: cut before the parser ----------------------------------------

def _long_line(n_chars: int) -> str:
    words = "the committee reviewed budget figures and staffing tables across regional offices".split()
    out, size, i = [], 0, 0
    while size < n_chars:
        word = words[i % len(words)] + ("s" if i % 7 == 0 else "")
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out)


def test_an_unpunctuated_line_is_cut_with_one_warning_and_exact_offsets(nlp, caplog):
    from graphbuild.extract import registry
    from graphbuild.nlp import SENTENCE_CHARS
    from graphbuild.pipeline import BuildStats, Config, extract_articles
    from graphbuild.types import Article

    longest = []

    def spy(doc, *, article):  # the longest sentence the parser was given (what is not
        # parsed is blanked: spaces, one whitespace token however long)
        longest.append(max(len(s.text.strip()) for s in doc.sents))
        return iter(())

    head = "Norway and Sweden held talks in Oslo on Monday.\n"
    tail = "\nDenmark accused Russia of violating its airspace.\n"
    text = head + _long_line(40_000) + tail
    registry.register_extractor("spy.v1", spy)
    try:
        stats = BuildStats()
        out = list(extract_articles([Article("dump-7", text, source="dump-7.txt")], nlp=nlp,
                                    config=Config(extractors=("events.v1", "spy.v1")), stats=stats))
    finally:
        registry.unregister("spy.v1")
    (article, events), = out
    assert article.text == text  # the article keeps its text; only the parser saw line breaks
    assert longest and max(longest) <= SENTENCE_CHARS
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "dump-7" in warnings[0].getMessage()
    assert len(stats.warnings) == 1 and stats.warnings[0].path == "dump-7.txt"
    accuse = [ev for ev in events if ev.plover.value == "ACCUSE"]
    assert accuse and {ev.plover.value for ev in events} >= {"CONSULT", "ACCUSE"}
    ev = accuse[0]
    assert ev.start == text.index("Denmark") and text[ev.start:ev.end] == ev.sentence
    if ev.subject_start is not None:  # the mention offsets, where the extractor gives them
        assert text[ev.subject_start:ev.subject_end] == "Denmark"
        assert text[ev.object_start:ev.object_end] == "Russia"


def test_ordinary_text_is_not_cut(nlp, caplog):
    from graphbuild.nlp import cut_long_sentences

    text = ("Norway and Sweden held talks in Oslo on Monday. " * 200).strip()
    assert cut_long_sentences(text) == (text, 0, 0)
    events = graphbuild.extract(text)
    assert events and not [r for r in caplog.records if r.levelname == "WARNING"]


def _parsed_by(nlp, text, article_id="dump-9"):
    """Extract ``text`` as one article; return its events, the sentences the parser saw,
    the warnings and the build's stats."""
    from graphbuild.extract import registry
    from graphbuild.pipeline import BuildStats, Config, extract_articles
    from graphbuild.types import Article

    seen = []

    def spy(doc, *, article):
        seen.extend(s.text for s in doc.sents if s.text.strip())
        return iter(())

    registry.register_extractor("spy.v1", spy)
    try:
        stats = BuildStats()
        out = list(extract_articles([Article(article_id, text, source=f"{article_id}.txt")],
                                    nlp=nlp, config=Config(extractors=("events.v1", "spy.v1"),
                                                           prefilter=False), stats=stats))
    finally:
        registry.unregister("spy.v1")
    (article, events), = out
    assert article.text == text
    return events, seen, stats


def _dense_line(n_chars: int) -> str:
    words = "the envoys discussed trade and the ministers discussed fishing quotas".split()
    return " ".join(words[i % len(words)] for i in range(n_chars // 6))[:n_chars]


def test_of_an_overlong_run_only_the_first_pieces_are_parsed(nlp, caplog):
    from graphbuild.nlp import SENTENCE_CHARS, SENTENCE_PIECES, cut_long_sentences

    head = "Norway and Sweden held talks in Oslo on Monday.\n"
    tail = "\nDenmark accused Russia of violating its airspace.\n"
    run = _dense_line(200_000)  # many blocks of 20,000 characters, no sentence end
    text = head + run + tail
    cut, _, blanked = cut_long_sentences(text)
    assert len(cut) == len(text) and cut[:len(head)] == head and cut.endswith(tail)
    kept = len(run) - blanked
    assert 0 < kept <= SENTENCE_PIECES * SENTENCE_CHARS
    assert not cut[len(head) + kept:len(head) + len(run)].strip()  # the rest is blank

    events, seen, stats = _parsed_by(nlp, text)
    from_run = [s for s in seen if s.strip() and s.strip() in run]
    assert 1 <= len(from_run) <= SENTENCE_PIECES
    assert sum(len(s.strip()) for s in from_run) <= SENTENCE_PIECES * SENTENCE_CHARS
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "dump-9" in warnings[0]
    assert f"{blanked:,} characters not parsed" in warnings[0]
    assert len(stats.warnings) == 1 and stats.warnings[0].path == "dump-9.txt"
    # the text after the run is parsed, with offsets into the article
    (accuse,) = [ev for ev in events if ev.plover.value == "ACCUSE"]
    assert text[accuse.start:accuse.end] == accuse.sentence.replace("\n", " ")
    assert accuse.start == text.index("Denmark")
    assert any(ev.plover.value == "CONSULT" for ev in events)


def test_a_run_within_the_bound_is_cut_but_all_parsed(nlp, caplog):
    from graphbuild.nlp import SENTENCE_CHARS, SENTENCE_PIECES

    run = _dense_line(SENTENCE_CHARS * (SENTENCE_PIECES - 1))
    _, seen, _ = _parsed_by(nlp, run + ".\n", "dump-10")
    assert "".join(seen).replace("\n", " ").split() == (run + ".").split()
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "dump-10" in warning and "not parsed" not in warning


def test_a_long_article_of_ordinary_sentences_is_parsed_whole(nlp, caplog):
    from graphbuild.nlp import cut_long_sentences

    sentences = [f"Delegates from {n} towns discussed the harbour plan at length on day {n}."
                 for n in range(1, 800)]
    text = " ".join(sentences)  # 60,000 characters, three blocks, every sentence short
    assert cut_long_sentences(text) == (text, 0, 0)
    _, seen, stats = _parsed_by(nlp, text, "long-1")
    assert " ".join(seen).split() == text.split()
    assert not [r for r in caplog.records if r.levelname == "WARNING"] and not stats.warnings


def test_events_of_a_later_block_carry_article_offsets():
    from graphbuild.pipeline import _shifted
    from graphbuild.types import Actor, ActorType, Event, Plover

    a, b = Actor("Norway", ActorType.COUNTRY, "NOR"), Actor("Sweden", ActorType.COUNTRY, "SWE")
    ev = Event("x", a, b, Plover.CONSULT, "meet", "Norway met Sweden.", 3, 21,
               subject_start=3, subject_end=9, object_start=14, object_end=20)
    moved = _shifted(ev, 100)
    assert (moved.start, moved.end, moved.subject_start, moved.subject_end, moved.object_start,
            moved.object_end) == (103, 121, 103, 109, 114, 120)
    assert _shifted(Event("x", a, b, Plover.CONSULT, "meet", "s", 0, 1), 5).subject_start is None


def _person(G, label):
    return next(d for _, d in G.nodes(data=True) if d.get("label") == label)


def test_a_leader_named_without_a_state_gets_the_office_holders_state_on_the_articles_date(nlp):
    import datetime as dt

    from graphbuild.types import Article

    article = Article("a1", "Chancellor Kohl criticised Peru's government on Monday.",
                      date=dt.date(1995, 3, 6))
    G = graphbuild.build([article])
    kohl = _person(G, "Kohl")
    assert kohl["country"] == "DEU"
    # the same words thirty years later name nobody the table knows
    later = graphbuild.build([Article("a2", article.text, date=dt.date(2025, 3, 3))])
    assert _person(later, "Kohl")["country"] is None


def test_what_one_article_states_of_a_person_is_known_in_the_builds_other_articles(nlp):
    import datetime as dt

    from graphbuild.types import Article

    first = Article("a1", "Hungarian Foreign Minister Tomas Varga met Peru's president in Lima "
                          "on Monday.", date=dt.date(2021, 5, 3))
    second = Article("a2", "Varga criticised Chile's government on Thursday.",
                     date=dt.date(2021, 6, 10))
    G = graphbuild.build([first, second])
    accusers = [G.nodes[u] for u, _, d in G.edges(data=True) if d["article_id"] == "a2"]
    assert accusers and all(a["country"] == "HUN" for a in accusers)
    # one actor: the minister of the first article, named by surname in the second
    (node,) = {u for u, _, d in G.edges(data=True) if d["article_id"] == "a2"}
    assert node == "person/HUN/tomas-varga" and "Varga" in G.nodes[node]["aliases"]
    alone = graphbuild.build([second])
    (u, _, _), = alone.edges(data=True)
    assert alone.nodes[u]["label"] == "Varga" and alone.nodes[u]["country"] is None

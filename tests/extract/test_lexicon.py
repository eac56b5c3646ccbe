"""Tests of graphbuild/extract/lexicon.py and the built-in data/lexicon.toml."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from graphbuild.errors import GraphbuildError, LexiconError
from graphbuild.extract.lexicon import (
    PARTICLES,
    PREPOSITIONS,
    TARGET_ROLES,
    Lexicon,
    Trigger,
    load_lexicon,
    parse_phrase,
)
from graphbuild.types import Plover

ROOT = Path(__file__).resolve().parents[2]
DATA = resources.files("graphbuild.extract").joinpath("data", "lexicon.toml")


@pytest.fixture(scope="module")
def raw() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def under(lex: Lexicon, noun: str, verb: str) -> list[Trigger]:
    return [t for t in lex.triggers(noun, "NOUN") if verb in t.verbs]


# ------------------------------------------------------------------------------ built-in data


def test_data_file_says_where_it_comes_from():
    first = DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "graphbuild project" in first and "general English usage" in first


def test_every_raw_entry_names_a_valid_plover_type(raw):
    names = {p.value for p in Plover}
    bad = [e for e in raw["verb"] + raw["noun"] if e["plover"] not in names]
    assert bad == []


def test_every_plover_type_is_covered_by_verbs_and_by_nouns(lex):
    assert {t.plover for t in lex if t.pos == "VERB"} == set(Plover)
    assert {t.plover for t in lex if t.pos == "NOUN"} == set(Plover)


def test_breadth(lex):
    assert len(lex) >= 400
    assert len(lex.verbs) >= 250 and len(lex.nouns) >= 150


def test_no_duplicate_keys_in_the_data(raw):
    keys = [(e["lemma"], pos, e.get("particle"), tuple(sorted(e.get("verbs", []))))
            for pos in ("verb", "noun") for e in raw[pos]]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert dupes == set()


def test_a_governing_verb_selects_at_most_one_entry_of_a_noun(lex):
    clashes = []
    for lemma, entries in lex.nouns.items():
        seen: dict[tuple[str, str | None], str] = {}
        for t in entries:
            for v in t.verbs:
                # "call a strike" and "call off a strike" are different verbs
                if (v, t.particle) in seen:
                    clashes.append((lemma, v, seen[v, t.particle], t.relation))
                seen[v, t.particle] = t.relation
    assert clashes == []


def test_entries_use_closed_vocabularies(lex):
    for t in lex:
        assert t.pos in ("VERB", "NOUN")
        assert set(t.preps) <= PREPOSITIONS, t
        assert t.particle is None or t.particle in PARTICLES, t
        assert t.target_role in TARGET_ROLES, t
        assert t.context is None or t.context in lex.contexts, t
        assert t.mode is None or re.fullmatch(r"[a-z][a-z0-9-]*", t.mode), t
        assert re.fullmatch(r"[a-z][a-z0-9_]*", t.relation), t
        assert 0.0 < t.confidence <= 1.0, t
        assert t.origin == "builtin"
        assert t.pos == "NOUN" or t.verbs == ()


@pytest.mark.parametrize("british, american, pos", [
    ("mobilise", "mobilize", "VERB"), ("demobilise", "demobilize", "VERB"),
    ("criticise", "criticize", "VERB"), ("apologise", "apologize", "VERB"),
    ("recognise", "recognize", "VERB"), ("normalise", "normalize", "VERB"),
    ("harbour", "harbor", "VERB"), ("militarise", "militarize", "VERB"),
    ("mobilisation", "mobilization", "NOUN"), ("manoeuvre", "maneuver", "NOUN"),
])
def test_british_and_american_spellings(lex, british, american, pos):
    uk, us = lex.triggers(british, pos), lex.triggers(american, pos)
    assert uk and [t.plover for t in uk] == [t.plover for t in us]


def test_defence_spellings_are_military_keywords(lex):
    assert {"defence", "defense"} <= lex.contexts["military"]


def test_data_is_read_lazily_and_imports_nothing_heavy():
    code = ("import sys, graphbuild.extract.lexicon as m; "
            "print(m._builtin_layer.cache_info().currsize, 'spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["0", "False"]


def test_builtin_is_loaded_once(lex):
    assert load_lexicon() is lex


# ------------------------------------------------------------------------------ lookups


def test_triggers_lookup(lex):
    meet = lex.triggers("meet", "VERB")
    plain = [t for t in meet if t.particle is None]
    assert len(plain) == 1
    assert plain[0].plover is Plover.CONSULT and plain[0].symmetric and "with" in plain[0].preps
    assert lex.triggers("MEET", "verb") == meet
    assert lex.triggers("meet", "ADJ") == ()
    assert lex.triggers("zzzz", "VERB") == ()


def test_one_plain_sense_per_verb(lex):
    for lemma, entries in lex.verbs.items():
        assert sum(t.particle is None for t in entries) <= 1, lemma


@pytest.mark.parametrize("lemma, particle, plover, role", [
    ("call", None, Plover.CONSULT, "object"),
    ("call", "on", Plover.REQUEST, "complement"),
    ("call", "for", Plover.REQUEST, "complement"),
    ("crack", "down", Plover.COERCE, "object"),
    ("pull", "out", Plover.RETREAT, "object"),
    ("back", None, Plover.SUPPORT, "object"),
    ("back", "down", Plover.CONCEDE, "object"),
    ("urge", None, Plover.REQUEST, "complement"),
    ("mobilize", None, Plover.MOBILIZE, "none"),
    ("hit", "out", Plover.ACCUSE, "object"),
    ("fire", "on", Plover.ASSAULT, "object"),
])
def test_verb_senses(lex, lemma, particle, plover, role):
    (t,) = [t for t in lex.triggers(lemma, "VERB") if t.particle == particle]
    assert (t.plover, t.target_role) == (plover, role)


@pytest.mark.parametrize("noun, verb, plover", [
    ("sanction", "impose", Plover.SANCTION),
    ("sanction", "slap", Plover.SANCTION),
    ("sanction", "lift", Plover.RETREAT),
    ("sanction", "threaten", Plover.THREATEN),
    ("deal", "strike", Plover.AGREE),
    ("deal", "sign", Plover.SUPPORT),
    ("treaty", "withdraw", Plover.SANCTION),
    ("talk", "host", Plover.CONSULT),
    ("talk", "suspend", Plover.SANCTION),
    ("aid", "send", Plover.AID),
    ("aid", "pledge", Plover.AGREE),
    ("aid", "cut", Plover.SANCTION),
    ("tie", "sever", Plover.SANCTION),
    ("tie", "restore", Plover.SUPPORT),
    ("ceasefire", "declare", Plover.CONCEDE),
    ("ceasefire", "violate", Plover.ASSAULT),
    ("troop", "deploy", Plover.MOBILIZE),
    ("troop", "withdraw", Plover.RETREAT),
    ("ambassador", "recall", Plover.SANCTION),
    ("ambassador", "summon", Plover.ACCUSE),
    ("strike", "stage", Plover.PROTEST),
    ("strike", "launch", Plover.ASSAULT),
    ("asylum", "grant", Plover.AID),
    ("curfew", "impose", Plover.COERCE),
])
def test_noun_entries_by_governing_verb(lex, noun, verb, plover):
    assert [t.plover for t in under(lex, noun, verb)] == [plover]


def test_noun_without_verbs_is_the_light_verb_sense(lex):
    (talks,) = [t for t in lex.triggers("talk", "NOUN") if not t.verbs]
    assert talks.plover is Plover.CONSULT and talks.symmetric
    assert {"with", "between"} <= set(talks.preps)
    (visit,) = [t for t in lex.triggers("visit", "NOUN") if not t.verbs]
    assert (visit.plover, visit.mode, visit.preps) == (Plover.CONSULT, "visit", ("to",))


def test_word_lists(lex):
    assert {"hold", "have", "conduct", "make", "pay", "launch", "stage", "carry"} <= lex.light_verbs
    assert {"fail", "refuse", "decline"} <= lex.negating_verbs
    assert {"will", "shall", "'ll", "wo"} <= lex.planned_aux
    assert {"plan", "expect", "schedule", "intend", "set", "due"} <= lex.planned_verbs
    assert {"may", "might", "could"} <= lex.possible_aux
    assert {"consider", "hope", "threaten", "urge"} <= lex.possible_verbs
    assert {"say", "claim", "report", "allege"} <= lex.reporting_verbs
    assert "announce" in lex.light_verbs and "announce" not in lex.reporting_verbs
    assert not lex.planned_aux & lex.possible_aux


def test_lexicon_is_read_only(lex):
    t = lex.triggers("meet", "VERB")[0]
    with pytest.raises(AttributeError):
        t.plover = Plover.ASSAULT  # type: ignore[misc]
    with pytest.raises(TypeError):
        lex.verbs["meet"] = ()  # type: ignore[index]


def test_equality_hash_and_repr(lex, tmp_path):
    other = load_lexicon(write(tmp_path, "u.csv", "phrase,plover,mode,symmetric\nparley with,CONSULT,,yes\n"))
    assert lex == load_lexicon() and hash(lex) == hash(load_lexicon())
    assert lex != other and len({lex, other}) == 2
    assert repr(lex).startswith("<Lexicon ") and len(repr(lex)) < 200
    assert "u.csv" in repr(other)


# ------------------------------------------------------------------------------ context_of


def test_context_of_counts_keyword_hits(lex):
    assert lex.context_of(["oil", "gas", "tariff"]) == "energy"
    assert lex.context_of(["tariff", "export", "oil"]) == "trade"
    assert lex.context_of(["Uranium", "Enrichment"]) == "nuclear"


def test_context_of_ties_go_to_the_sector_listed_first(lex):
    order = list(lex.contexts)
    assert order.index("energy") < order.index("trade")
    assert lex.context_of(["tariff", "oil"]) == "energy"
    assert lex.context_of(["oil", "tariff"]) == "energy"


def test_context_of_without_keywords(lex):
    assert lex.context_of([]) is None
    assert lex.context_of(["the", "minister", "said"]) is None


# ------------------------------------------------------------------------------ user files

CSV_HEADER = "phrase,plover,mode,symmetric\n"


def test_user_csv_adds_entries(tmp_path, lex):
    path = write(tmp_path, "mine.csv", CSV_HEADER + "parley with,CONSULT,,true\nrattle sabres at,THREATEN,violence,no\n")
    user = load_lexicon(path)
    (parley,) = user.triggers("parley", "VERB")
    assert (parley.plover, parley.particle, parley.preps, parley.symmetric) == (
        Plover.CONSULT, "with", ("with",), True)
    assert parley.origin == str(path)
    (sabre,) = user.triggers("sabre", "NOUN")
    assert (sabre.plover, sabre.mode, sabre.verbs, sabre.preps) == (
        Plover.THREATEN, "violence", ("rattle",), ("at",))
    assert len(user) == len(lex) + 2
    assert lex.triggers("parley", "VERB") == ()  # the built-in lexicon is not changed


def test_user_csv_wins_over_builtin_with_same_key(tmp_path, lex):
    path = write(tmp_path, "mine.csv", CSV_HEADER + "call,AGREE,,false\nimpose sanctions on,COERCE,,false\n")
    user = load_lexicon(path)
    calls = user.triggers("call", "VERB")
    plain = [t for t in calls if t.particle is None]
    assert [(t.plover, t.origin) for t in plain] == [(Plover.AGREE, str(path))]
    assert calls[0].origin == str(path)  # user entries come first
    # the other senses of "call" are untouched
    assert [t.relation for t in calls if t.particle == "on"] == ["call_on"]
    # "impose sanctions on" only replaces the entry whose verbs are exactly ("impose",)
    assert [t.plover for t in under(user, "sanction", "impose")] == [Plover.COERCE, Plover.SANCTION]
    assert len(user) == len(lex) + 1


def test_user_entry_replaces_builtin_exactly(tmp_path, lex):
    builtin = [t for t in lex.triggers("visit", "VERB") if t.particle is None][0]
    path = write(tmp_path, "mine.csv", CSV_HEADER + "visit,SUPPORT,,false\n")
    user = load_lexicon(path)
    assert builtin not in user.triggers("visit", "VERB")
    assert len(user) == len(lex)


def test_user_csv_optional_columns(tmp_path):
    path = write(tmp_path, "mine.csv",
                 "phrase,plover,mode,symmetric,relation,context,confidence,pos,target_role\n"
                 "provide military aid to,AID,,false,,,,,\n"
                 "a state visit to,CONSULT,visit,false,state_visit,culture,0.95,,\n"
                 "tour,CONSULT,visit,false,,,,NOUN,\n"
                 "mobilise reservists,MOBILIZE,troops,false,,,0.7,,none\n")
    user = load_lexicon(path)
    aid, builtin = under(user, "aid", "provide")  # the user's entry first, then the built-in one
    assert (aid.plover, aid.context, aid.relation) == (Plover.AID, "military", "provide_military_aid")
    assert aid.origin == str(path) and builtin.origin == "builtin" and len(builtin.verbs) > 1
    (visit,) = [t for t in user.triggers("visit", "NOUN") if t.origin == str(path)]
    assert (visit.relation, visit.context, visit.confidence, visit.verbs) == ("state_visit", "culture", 0.95, ())
    (tour,) = [t for t in user.triggers("tour", "NOUN") if t.origin == str(path)]
    assert tour.pos == "NOUN" and tour.mode == "visit"
    (res,) = [t for t in under(user, "reservist", "mobilise") if t.origin == str(path)]
    assert (res.target_role, res.confidence, res.origin) == ("none", 0.7, str(path))


def test_user_csv_comments_blank_lines_bom_and_complement(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes("\ufeff# my additions\nphrase,plover,mode,symmetric\n\n# requests\n"
                     "implore X to,REQUEST,,no\n".encode("utf-8"))
    (t,) = [t for t in load_lexicon(path).triggers("implore", "VERB") if t.origin == str(path)]
    assert (t.plover, t.target_role) == (Plover.REQUEST, "complement")


def test_user_toml_in_the_builtin_schema(tmp_path, lex):
    path = write(tmp_path, "mine.toml", """
[[verb]]
lemma = "visit"
plover = "CONSULT"
relation = "pay_visit"
mode = "visit"

[[noun]]
lemma = "flotilla"
plover = "MOBILIZE"
verbs = ["send", "dispatch"]
context = "arctic"
target_role = "none"

[light]
verbs = ["orchestrate"]

[modality]
planned_verbs = ["envisage"]

[context]
arctic = ["arctic", "icebreaker"]
energy = ["hydrogen"]
""")
    user = load_lexicon(path)
    (visit,) = [t for t in user.triggers("visit", "VERB") if t.particle is None]
    assert (visit.relation, visit.origin) == ("pay_visit", str(path))
    (flotilla,) = user.triggers("flotilla", "NOUN")
    assert flotilla.verbs == ("dispatch", "send") and flotilla.context == "arctic"
    assert "orchestrate" in user.light_verbs and "hold" in user.light_verbs
    assert "envisage" in user.planned_verbs and "expect" in user.planned_verbs
    assert list(user.contexts)[-1] == "arctic"
    assert list(user.contexts)[: len(lex.contexts)] == list(lex.contexts)
    assert {"hydrogen", "oil"} <= user.contexts["energy"]
    assert user.context_of(["icebreaker", "arctic"]) == "arctic"
    assert len(user) == len(lex) + 1


def test_later_user_files_win_over_earlier_ones(tmp_path):
    a = write(tmp_path, "a.csv", CSV_HEADER + "parley with,CONSULT,,true\n")
    b = write(tmp_path, "b.csv", CSV_HEADER + "parley with,REQUEST,meet,false\n")
    (t,) = load_lexicon(a, b).triggers("parley", "VERB")
    assert (t.plover, t.origin) == (Plover.REQUEST, str(b))
    (t,) = load_lexicon(b, a).triggers("parley", "VERB")
    assert (t.plover, t.origin) == (Plover.CONSULT, str(a))


def test_version(tmp_path, lex):
    assert lex.version == hashlib.sha1(DATA.read_bytes()).hexdigest()
    a = write(tmp_path, "a.csv", CSV_HEADER + "parley with,CONSULT,,true\n")
    with_a = load_lexicon(a)
    assert with_a.version != lex.version
    assert load_lexicon(a).version == with_a.version  # same data, same version
    write(tmp_path, "a.csv", CSV_HEADER + "parley with,CONSULT,,false\n")
    assert load_lexicon(a).version not in (with_a.version, lex.version)
    b = write(tmp_path, "b.csv", CSV_HEADER + "confab with,CONSULT,,true\n")
    assert load_lexicon(a, b).version != load_lexicon(b, a).version


def test_a_user_entry_over_a_builtin_one_keeps_what_it_leaves_empty_and_is_reported(tmp_path, lex, caplog):
    # the known bug: "mediate" alone has no preposition, and replacing the built-in entry
    # dropped its "between" and "with", so "mediated between X and Y" lost both its targets
    (builtin,) = [t for t in lex.triggers("mediate", "VERB") if t.particle is None]
    path = write(tmp_path, "mine.csv", CSV_HEADER + "mediate,CONSULT,,false\nparley with,CONSULT,,true\n")
    with caplog.at_level("WARNING", logger="graphbuild.extract.lexicon"):
        user = load_lexicon(path)
    (mine,) = [t for t in user.triggers("mediate", "VERB") if t.particle is None]
    assert mine.origin == str(path) and set(builtin.preps) <= set(mine.preps)
    assert (mine.mode, mine.confidence, mine.relation) == (builtin.mode, builtin.confidence, builtin.relation)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and f"{path}:2" in warnings[0] and "'mediate'" in warnings[0]
    assert "built-in verb entry" in warnings[0] and "parley" not in warnings[0]


def test_what_the_user_gives_wins_over_the_builtin_entry(tmp_path, lex):
    path = write(tmp_path, "mine.csv", CSV_HEADER.replace("\n", ",confidence\n")
                 + "mediate,AGREE,broker,true,0.6\n")
    (mine,) = [t for t in load_lexicon(path).triggers("mediate", "VERB") if t.particle is None]
    assert (mine.plover, mine.mode, mine.symmetric, mine.confidence) == (Plover.AGREE, "broker", True, 0.6)


def test_a_user_lexicon_is_parsed_once_per_process(tmp_path, monkeypatch, caplog):
    from graphbuild.extract import lexicon as module

    calls = []
    real = module._parse_user_file
    monkeypatch.setattr(module, "_parse_user_file", lambda *a: calls.append(a[0]) or real(*a))
    path = write(tmp_path, "mine.csv", CSV_HEADER + "mediate,CONSULT,,false\n")
    with caplog.at_level("WARNING", logger="graphbuild.extract.lexicon"):
        first, second = load_lexicon(path), load_lexicon(str(path))
    assert first is second and calls == [str(path)]
    assert sum(r.levelname == "WARNING" for r in caplog.records) == 1
    write(tmp_path, "mine.csv", CSV_HEADER + "mediate,CONSULT,,true\n")  # new content: read again
    assert load_lexicon(path).version != first.version and len(calls) == 2


def test_a_user_mediate_line_keeps_both_builtin_consult_events(tmp_path, nlp):
    from graphbuild.ingest import article_from_text
    from graphbuild.pipeline import Config, extract_articles

    text = "Norway mediated between Colombia and Venezuela on Monday."
    path = write(tmp_path, "mine.csv", CSV_HEADER + "mediate,CONSULT,third-party,false\n")

    def consults(*files):
        config = Config(lexicon_files=tuple(map(str, files)))
        return sorted((e.source.label, e.target.label) for _, evs in
                      extract_articles([article_from_text(text, id="t")], config=config, nlp=nlp)
                      for e in evs if e.plover is Plover.CONSULT)

    assert consults() == [("Norway", "Colombia"), ("Norway", "Venezuela")]
    assert consults(path) == consults()


# ------------------------------------------------------------------------------ errors


def raises_at(path: Path, line: int | None, *fragments: str) -> None:
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    message = str(info.value)
    where = f"{path}:{line}" if line else str(path)
    assert message.startswith(where), message
    for fragment in fragments:
        assert fragment in message, message


def test_unknown_plover_type_lists_all_sixteen(tmp_path):
    path = write(tmp_path, "bad.csv", CSV_HEADER + "parley with,CONSULT,,true\nmeet up with,MEETING,,true\n")
    raises_at(path, 3, "unknown PLOVER type 'MEETING'", *(p.value for p in Plover))


@pytest.mark.parametrize("text, line, fragment", [
    ("phrase,plover,mode\nmeet,CONSULT,\n", 1, "missing column 'symmetric'"),
    ("phrase,plover,mode,symmetric,colour\n", 1, "unknown column 'colour'"),
    (CSV_HEADER + "meet,CONSULT,,true,extra\n", 2, "expected 4 fields"),
    (CSV_HEADER + "meet,CONSULT,,maybe\n", 2, "symmetric must be true or false"),
    (CSV_HEADER.replace("\n", ",confidence\n") + "meet,CONSULT,,true,high\n", 2, "confidence must be a number"),
    (CSV_HEADER.replace("\n", ",confidence\n") + "meet,CONSULT,,true,1.5\n", 2, "confidence must be a number"),
    (CSV_HEADER + "\nwith X,CONSULT,,true\n", 3, "starts with a preposition"),
    (CSV_HEADER + "meet,CONSULT,Visit Mode,true\n", 2, "mode must be"),
    (CSV_HEADER.replace("\n", ",context\n") + "meet,CONSULT,,true,sport\n", 2, "unknown context 'sport'"),
    (CSV_HEADER.replace("\n", ",target_role\n") + "meet,CONSULT,,true,subject\n", 2, "target_role must be one of"),
    (CSV_HEADER + "meet with,CONSULT,,true\nmeet with,CONSULT,,false\n", 3, "first at"),
    ("# nothing here\n", None, "empty lexicon file"),
])
def test_csv_errors_name_file_and_line(tmp_path, text, line, fragment):
    raises_at(write(tmp_path, "bad.csv", text), line, fragment)


@pytest.mark.parametrize("text, line, fragment", [
    ("[[verb]]\nlemma = \"meet\"\nplover = CONSULT\n", 3, "not valid TOML"),
    ("[[verb]]\nlemma = \"meet\"\nplover = \"CONSULT\"\n\n[[verb]]\nlemma = \"greet\"\n"
     "plover = \"CONSULT\"\ncolour = \"red\"\n", 5, "unknown field 'colour'; valid fields: lemma"),
    ("[[verb]]\nlemma = \"meet\"\nplover = \"CONSULT\"\nverbs = [\"hold\"]\n", 1, "[[noun]] entries only"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\npreps = [\"wiht\"]\n", 1, "'wiht' is not a known preposition; valid: about"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\npreps = \"with\"\n", 1, "must be a list"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\nparticle = \"hither\"\n", 1, "particle 'hither'"),
    ("[[noun]]\nlemma = \"Hold Talks\"\nplover = \"CONSULT\"\n", 1, "lemma must be one lower-case word"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\nsymmetric = \"yes\"\n", 1, "symmetric must be true or false"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\nconfidence = 2\n", 1, "confidence must be a number from 0 to 1"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"Consultation\"\n", 1, "unknown PLOVER type 'Consultation'; valid: AGREE, CONSULT"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\n\n[[noun]]\nlemma = \"talk\"\n"
     "plover = \"AGREE\"\n", 5, "duplicate entry for noun 'talk'"),
    ("[[noun]]\nlemma = \"talk\"\nplover = \"CONSULT\"\ncontext = \"sport\"\n", 1, "unknown context 'sport'; valid: military"),
    ("[verbs]\nx = 1\n", 1, "unknown section 'verbs'; valid sections: verb, noun"),
    ("[modality]\nplanned = [\"envisage\"]\n", 2, "unknown [modality] key 'planned'"),
    ("[light]\nverbs = [\"hold talks\"]\n", 1, "is not a single lower-case word"),
    ("[context]\nArctic = [\"ice\"]\n", 2, "context sector 'Arctic'"),
])
def test_toml_errors_name_file_and_line(tmp_path, text, line, fragment):
    raises_at(write(tmp_path, "bad.toml", text), line, fragment)


def test_file_errors(tmp_path):
    raises_at(write(tmp_path, "mine.txt", "meet"), None, "unknown lexicon file type '.txt'", ".csv", ".toml")
    raises_at(tmp_path / "missing.csv", None, "cannot read lexicon file")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(CSV_HEADER.encode() + "m\xe9diate,CONSULT,,false\n".encode("latin-1"))
    raises_at(bad, None, "not UTF-8")


def test_lexicon_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_phrase("")
    assert issubclass(LexiconError, GraphbuildError)


# ------------------------------------------------------------------------------ parse_phrase


@pytest.mark.parametrize("phrase, expected", [
    ("meet", dict(lemma="meet", pos="VERB", particle=None, preps=(), verbs=())),
    ("meet with", dict(lemma="meet", pos="VERB", particle="with", preps=("with",), verbs=())),
    ("to meet with", dict(lemma="meet", pos="VERB", particle="with", preps=("with",))),
    ("call on", dict(lemma="call", pos="VERB", particle="on", preps=("on",), relation="call_on")),
    ("call on X to", dict(lemma="call", particle="on", preps=("on",), target_role="complement")),
    ("urge someone to", dict(lemma="urge", particle=None, preps=(), target_role="complement")),
    ("crack down on", dict(lemma="crack", pos="VERB", particle="down", preps=("on",), relation="crack_down")),
    ("pull out of", dict(lemma="pull", particle="out", preps=("of",))),
    ("call off", dict(lemma="call", pos="VERB", particle="off", preps=())),
    ("give in to", dict(lemma="give", particle="in", preps=("to",))),
    ("hold talks with", dict(lemma="talk", pos="NOUN", particle=None, preps=("with",), verbs=("hold",),
                             relation="hold_talks")),
    ("impose sanctions on/against", dict(lemma="sanction", pos="NOUN", preps=("on", "against"),
                                         verbs=("impose",), relation="impose_sanctions")),
    ("pledge support for", dict(lemma="support", pos="NOUN", preps=("for",), verbs=("pledge",))),
    ("sever ties with", dict(lemma="tie", verbs=("sever",), preps=("with",))),
    ("lift the embargo on", dict(lemma="embargo", verbs=("lift",), relation="lift_embargo")),
    ("provide military aid to", dict(lemma="aid", verbs=("provide",), modifiers=["military"])),
    ("lay down arms", dict(lemma="arm", pos="NOUN", particle="down", verbs=("lay",), preps=())),
    ("open fire on", dict(lemma="fire", pos="NOUN", verbs=("open",), preps=("on",))),
    ("talks between", dict(lemma="talk", pos="NOUN", verbs=(), preps=("between",), relation="talks")),
    ("sanctions on", dict(lemma="sanction", pos="NOUN", verbs=(), preps=("on",))),
    ("a visit to", dict(lemma="visit", pos="NOUN", verbs=(), preps=("to",))),
    ("a phone call with", dict(lemma="call", pos="NOUN", modifiers=["phone"], relation="phone_call")),
    ("Hold  Talks  With", dict(lemma="talk", verbs=("hold",), preps=("with",))),
    ("discuss", dict(lemma="discuss", pos="VERB")),
    ("impose curbs on", dict(lemma="curb", verbs=("impose",))),
    ("impose taxes on", dict(lemma="tax", verbs=("impose",))),
    ("adopt policies on", dict(lemma="policy", verbs=("adopt",))),
])
def test_parse_phrase(phrase, expected):
    got = parse_phrase(phrase)
    assert {k: got[k] for k in expected} == expected


def test_parse_phrase_pos_override():
    assert parse_phrase("visit to")["pos"] == "VERB"
    got = parse_phrase("visit to", pos="NOUN")
    assert (got["lemma"], got["pos"], got["verbs"], got["preps"]) == ("visit", "NOUN", (), ("to",))
    assert parse_phrase("talks with", pos="verb")["pos"] == "VERB"


@pytest.mark.parametrize("phrase, pos, fragment", [
    ("", None, "empty phrase"),
    ("   ", None, "empty phrase"),
    ("with", None, "starts with a preposition"),
    ("X to", None, "no verb or noun"),
    ("put troops on alert", None, "a preposition ('on') in the middle"),
    ("impose/slap sanctions", None, "'/' may only join alternative prepositions"),
    ("impose sanctions/curbs on", None, "'/' may only join alternative prepositions"),
    ("meet 2 leaders", None, "is not a word"),
    ("hold talks with", "VERB", "has an object noun"),
    ("meet", "ADJ", "pos must be VERB or NOUN"),
])
def test_parse_phrase_errors(phrase, pos, fragment):
    with pytest.raises(LexiconError, match=re.escape(fragment)):
        parse_phrase(phrase, pos=pos)


def test_the_readme_example_lexicon_adds_entries_and_replaces_none(lex, caplog):
    with caplog.at_level("WARNING", logger="graphbuild.extract.lexicon"):
        user = load_lexicon(ROOT / "docs" / "lexicon-example.csv")
    assert len(user) == len(lex) + 5 and not caplog.records
    (parley,) = user.triggers("parley", "VERB")
    assert (parley.plover, parley.preps, parley.symmetric) == (Plover.CONSULT, ("with",), True)

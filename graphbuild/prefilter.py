"""A cheap first pass over the raw text: only sentences that can hold an event are parsed.

Parsing is most of the cost of a build, and most sentences of a news article hold no event.
Before the spaCy pipeline runs, the text is cut into sentences with a few regular expressions
(no model), and a sentence is kept when

- it contains a surface form of a word an extractor declares as its trigger (its
  :class:`Triggers`; each lemma inflected with simple English rules, plus the irregular forms
  in ``graphbuild/data/irregular_forms.csv``): for the built-in extractor, the lemmas of the
  lexicon and its own naming and saying verbs ("called the move unfriendly");
- it is the sentence before such a sentence, so that "he", "the minister" and "both sides"
  still find what they refer to;
- it names a person in full ("Foreign Minister Jane Roe"), so that a later "Roe" gets her
  full name, country and role.

and, for a trigger sentence, when it may name an actor (:func:`may_name_actor`): a capitalised
word, a title, a pronoun, or a noun the actor resolver turns into an actor without a capital
("the rebels", "police", "security forces", "civilians": :func:`actor_nouns`).

The other sentences are *blanked*: every character but a line break becomes a space. Every
character offset stays what it was, so events point into the article's own text.

Examples
--------
>>> pf = Prefilter(verbs={"meet"}, nouns={"talks"})
>>> text = "It rained all day. The markets were calm. Ministers met on Monday. Prices rose."
>>> out = pf.filter(text)
>>> out.text
'                   The markets were calm. Ministers met on Monday.             '
>>> len(out.text) == len(text), out.kept, out.dropped
(True, 2, 2)
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from .types import Article

__all__ = ["FilterResult", "Prefilter", "Triggers", "make_prefilter", "split_sentences",
           "surface_forms", "irregular_forms", "may_name_actor", "actor_nouns", "is_heading",
           "names_person"]

# Words after which a full stop does not end a sentence: titles, initials' company, months.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep st jr sr no nos vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig hon rev maj brig pres
amb ave blvd bros cf al e.g i.e u.s u.k u.n
""".split())

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)[.!?…]+[\"'”’)\]]*$")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_CAP = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*|[A-Z]\.")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into sentence spans ``(start, end)``, cheaply and without a model.

    A sentence ends at a line break, or at ``. ! ?`` (with closing quotes or brackets)
    followed by white space and a capital letter or digit, unless the word before the stop
    is an initial or an abbreviation ("Mr.", "U.S.", "Jan."). The spans cover the text.

    >>> t = "Mr. Roe met Dr. Doe. They talked.\\nLater, U.S. envoys left."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Roe met Dr. Doe. ', 'They talked.\\n', 'Later, U.S. envoys left.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for line in re.finditer(r"[^\n]*\n|[^\n]+$", text):
        a, b = line.span()
        for m in _END.finditer(text, a, b):
            # the word before the stop: no space is part of it, so it is looked for after the
            # last space (not from the start of the line, which would read a paragraph per stop)
            word = _LAST_WORD.search(text, max(a, text.rfind(" ", a, m.start()) + 1), m.end())
            if word is not None:
                w = word.group(1).lower().rstrip(".")
                if len(w) == 1 or "." in w or w in _ABBREVIATIONS:
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


@functools.lru_cache(maxsize=1)
def irregular_forms() -> dict[str, frozenset[str]]:
    """The irregular forms of ``graphbuild/data/irregular_forms.csv``, by lemma.

    >>> sorted(irregular_forms()["meet"])
    ['met']
    """
    raw = resources.files("graphbuild").joinpath("data/irregular_forms.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO("".join(
        line for line in raw.splitlines(keepends=True) if not line.startswith("#"))))
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["lemma"].strip().lower(), set()).update(row["forms"].lower().split())
    return {lemma: frozenset(forms) for lemma, forms in out.items()}


_VOWELS = set("aeiou")


def surface_forms(lemma: str) -> frozenset[str]:
    """The words a lemma can appear as: regular inflections of a verb and of a noun, and the
    irregular forms of the data file. Over-generating is harmless (a sentence kept too many).

    >>> sorted(surface_forms("ban"))
    ['ban', 'baned', 'baning', 'banned', 'banning', 'bans']
    >>> {"met", "meets", "meeting"} <= surface_forms("meet")
    True
    >>> {"allies", "allied", "allying"} <= surface_forms("ally")
    True
    """
    w = lemma.strip().lower()
    forms = _plurals(w) | {w + "ed", w + "ing"}
    if w.endswith("o"):
        forms.add(w + "es")
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
        if w.endswith("ie"):
            forms.add(w[:-2] + "ying")
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ied")
    if len(w) >= 2 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban -> banned; visit -> visitted (harmless)
    if w.endswith("c"):
        forms |= {w + "ked", w + "king"}
    if w.endswith("f"):
        forms.add(w[:-1] + "ves")
    return frozenset(forms)


def _plurals(w: str) -> set[str]:
    """A lowercase word, its regular plurals (-s; -es after a sibilant; -ies after a consonant
    and y) and the data file's irregular forms."""
    forms = {w, w + "s"} | irregular_forms().get(w, frozenset())
    if w.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(w + "es")
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms.add(w[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class FilterResult:
    """The filtered text (same length as the input) and how many sentences were kept/dropped."""

    text: str
    kept: int
    dropped: int


class Prefilter:
    """Keep the sentences that can hold an event; blank the others.

    Parameters
    ----------
    verbs, nouns
        Trigger lemmas that fire whatever else the sentence holds. Both are inflected both ways
        (a verb lemma also as a noun), since the parser may tag a word either way.
    needs
        Trigger lemmas that fire only beside another word, mapped to those words' lemmas: a
        noun that needs a governing verb ("cut" oil supplies), a verb sense that needs its
        particle ("step down"), a naming verb that needs a disapproving complement. Such a
        trigger keeps a sentence only when a form of one of its words is in it too.
    keep_before
        Also keep this many sentences before each trigger sentence (blank ones do not count).
    actor_words
        Words of the user's actor names and aliases: a sentence holding one may name an actor
        even if nothing in it is capitalised.

    Examples
    --------
    >>> pf = Prefilter(verbs={"meet"}, needs={"oil": {"cut", "halt"}})
    >>> pf.has_trigger("Oil prices rose."), pf.has_trigger("They cut oil exports.")
    (False, True)
    """

    def __init__(self, verbs: Iterable[str] = (), nouns: Iterable[str] = (), *,
                 needs: Mapping[str, Iterable[str]] | None = None, keep_before: int = 1,
                 actor_words: Iterable[str] = ()):
        free: set[str] = set()
        for lemma in [*verbs, *nouns]:
            free |= _forms_of(lemma)
        conditional: dict[str, set[str]] = {}
        for lemma, companions in (needs or {}).items():
            words: set[str] = set()
            for companion in companions:
                words |= _forms_of(companion)
            for form in _forms_of(lemma) - free:
                conditional.setdefault(form, set()).update(words)
        self.words = frozenset(free)
        self.needs = {form: frozenset(words) for form, words in conditional.items()}
        self.keep_before = keep_before
        self.actor_words = frozenset(w.lower() for w in actor_words)

    def may_name_actor(self, sentence: str) -> bool:
        """:func:`may_name_actor`, or a word of the user's actor list is in ``sentence``."""
        if may_name_actor(sentence):
            return True
        return bool(self.actor_words) and any(
            m.group().lower() in self.actor_words for m in _WORD.finditer(sentence))

    def has_trigger(self, sentence: str) -> bool:
        """Whether ``sentence`` holds a surface form of a trigger (with its companion word, if it
        needs one).

        >>> Prefilter(verbs={"meet"}).has_trigger("They MET twice.")
        True
        """
        words = self.words
        seen: set[str] = set()
        for m in _WORD.finditer(sentence):
            w = m.group().lower().replace("’", "'")
            if w in words:
                return True
            seen.add(w)
            if "'" in w:  # "talks'", "Russia's"
                head = w.split("'", 1)[0]
                if head in words:
                    return True
                seen.add(head)
        for m in _HYPHENATED.finditer(sentence):
            word = m.group().lower()
            for part in (word, word.replace("-", "")):
                if part in words:
                    return True
                seen.add(part)
        # a compound written as two words ("war games", "cease fire"): the extractor joins them
        pair = [m.group().lower() for m in _WORD.finditer(sentence)]
        if any(a + b in words for a, b in zip(pair, pair[1:], strict=False)):
            return True
        if not self.needs:
            return False
        for w in seen:
            companions = self.needs.get(w)
            if companions is not None and not companions.isdisjoint(seen):
                return True
        return False

    def filter(self, text: str) -> FilterResult:
        """Blank the sentences of ``text`` that cannot hold an event; keep every offset."""
        spans = split_sentences(text)
        n = len(spans)
        keep = [False] * n
        blank = [not text[a:b].strip() for a, b in spans]
        for i, (a, b) in enumerate(spans):
            if blank[i]:
                continue
            sentence = text[a:b]
            if self.has_trigger(sentence) and self.may_name_actor(sentence) and not is_heading(sentence):
                keep[i] = True
                need, j = self.keep_before, i - 1
                while need > 0 and j >= 0:
                    if not blank[j]:
                        keep[j] = True
                        need -= 1
                    j -= 1
            elif not keep[i] and names_person(sentence) and not is_heading(sentence):
                keep[i] = True
        kept = sum(1 for i in range(n) if keep[i] and not blank[i])
        dropped = sum(1 for i in range(n) if not keep[i] and not blank[i])
        if not dropped:
            return FilterResult(text, kept, 0)
        parts = []
        for i, (a, b) in enumerate(spans):
            chunk = text[a:b]
            parts.append(chunk if keep[i] or blank[i] else _blank(chunk))
        return FilterResult("".join(parts), kept, dropped)

    def filter_article(self, article: Article) -> tuple[Article, FilterResult]:
        """``article`` with its text filtered, and the :class:`FilterResult`."""
        result = self.filter(article.text)
        if result.text is article.text:
            return article, result
        return Article(article.id, result.text, article.title, article.date, article.url,
                       article.source), result


def _forms_of(lemma: str) -> set[str]:
    """The surface forms of each word of ``lemma`` ("politically motivated": of both words)."""
    out: set[str] = set()
    for part in re.split(r"[\s_]+", lemma.strip()):
        if part:
            out |= surface_forms(part)
            if "-" in part:  # "cease-fire": also the closed form
                out |= surface_forms(part.replace("-", ""))
    return out


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


_PRONOUNS = frozenset("he she him her his hers himself herself it its itself they them their "
                      "theirs themselves we us our ours i me my".split())
_ACTOR_WORDS = frozenset({"both", "two", "each", "either", "neither", "all"})
_OPENERS = frozenset("""the a an in on at by for and but or nor so yet as if when while after before
since until during despite although though however meanwhile moreover also still then there here
this that these those such what why how where which who whose from with without over under into
about against among between through following according amid""".split())
_TERMINAL = ".!?\"'”’)"


@functools.lru_cache(maxsize=1)
def actor_nouns() -> frozenset[str]:
    """The lower-case words the actor resolver can turn into an actor without a capital, read
    once from its own tables: the group nouns of ``actors/data/groups.csv`` ("troops", "the
    government"; of a phrase, its head: "security forces", "ministry of defence"), the people
    of ``people.csv`` ("civilians", "aid workers"), the sector words of ``sectors.csv``
    ("militants", "police") and the person, population and group nouns of ``words.toml``;
    each with its plural forms.

    >>> {"rebels", "police", "forces", "protesters", "civilians", "policemen"} <= actor_nouns()
    True
    >>> "talks" in actor_nouns()
    False
    """
    from .actors import gazetteer as gz
    from .actors.people import load_people_nouns
    from .actors.sectors import load_sector_words
    from .actors.words import words

    w = words()
    phrases = [*gz.group_forms(), *load_people_nouns(), *load_sector_words(),
               *w.person_nouns, *w.population_nouns, *w.generic_groups]
    out: set[str] = set()
    for phrase in phrases:
        parts = phrase.lower().split()
        if not parts:
            continue
        head = parts[parts.index("of") - 1] if "of" in parts[1:] else parts[-1]
        out |= _noun_forms(head)
    return frozenset(out)


def _noun_forms(noun: str) -> set[str]:
    """A noun and its plurals: regular, in -men ("policemen"), and the data file's irregular ones."""
    forms = _plurals(noun)
    if noun.endswith("man"):
        forms.add(noun[:-3] + "men")
    return forms


def may_name_actor(sentence: str) -> bool:
    """Whether ``sentence`` may name someone who acts: a capitalised word (a name, a state, a
    demonym, an organisation) other than an opening function word, a pronoun, "both", "two", a
    title ("the minister"), or a noun the resolver makes an actor of (:func:`actor_nouns`:
    "the rebels", "security forces"). An event needs at least its source.

    >>> may_name_actor("Energy security was another central focus.")
    True
    >>> may_name_actor("The talks were long and useful.")
    False
    >>> may_name_actor("The minister left; both sides agreed.")
    True
    >>> may_name_actor("The rebels freed the hostages.")
    True
    """
    from .actors import gazetteer as gz

    nouns = actor_nouns()
    for i, m in enumerate(_WORD.finditer(sentence)):
        word = m.group()
        low = word.lower().replace("’", "'").split("'", 1)[0]
        if low in _PRONOUNS or low in _ACTOR_WORDS or low in nouns:
            return True
        if word[:1].isupper() and not (i == 0 and low in _OPENERS):
            return True
        if gz.is_title_word(word):
            return True
    return False


def is_heading(sentence: str) -> bool:
    """Whether ``sentence`` is surely a heading the extractor skips: no closing punctuation and
    nearly every word capitalised.

    >>> is_heading("Why This Partnership Holds Global Significance")
    True
    >>> is_heading("Ministers Met In Geneva.")
    False
    """
    text = sentence.strip()
    if not text or text[-1] in _TERMINAL:
        return False
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    if not words:
        return True
    return sum(1 for w in words if w[:1].isupper()) >= 0.9 * len(words)


def names_person(sentence: str) -> bool:
    """Whether ``sentence`` seems to name a person in full: two or more capitalised words in
    a row that are neither titles nor a state's or an organisation's name.

    >>> names_person("Talks were led by Foreign Minister Jane Roe.")
    True
    >>> names_person("The United Nations met in New Delhi.")
    False
    """
    from .actors import gazetteer as gz

    words = list(_CAP.finditer(sentence))
    run: list[str] = []
    last_end = -2
    for m in [*words, None]:
        if m is not None and m.start() - last_end <= 1 and run:
            run.append(m.group())
            last_end = m.end()
            continue
        if len(run) >= 2 and _is_full_name(run, gz):
            return True
        run = [m.group()] if m is not None else []
        last_end = m.end() if m is not None else -2
    return False


def _is_full_name(run: list[str], gz: Any) -> bool:
    names = [w for w in run if not gz.is_title_word(w) and gz.strip_honorifics(w).strip()
             and w not in ("The", "A", "An", "In", "On", "At", "By", "For", "And", "But")]
    if len(names) < 2:
        return False
    text = " ".join(names)
    if gz.country(text) is not None or gz.organisation(text) is not None:
        return False
    return not all(gz.country(w) is not None for w in names)


@dataclass(frozen=True)
class Triggers:
    """The words an extractor looks for, as it declares them to the prefilter.

    An extractor (the function the extractor registry returns) declares them as its ``triggers``
    attribute; the prefilter keeps every sentence that holds a form of one of them. An
    extractor that declares none makes the engine parse the whole text.

    Parameters
    ----------
    words
        Lemmas that may trigger an event whatever else the sentence holds (inflected both as a
        verb and as a noun).
    needs
        Lemmas that trigger an event only beside another word, mapped to those words: a noun
        that needs its governing verb ("cut" oil supplies), a verb sense that needs its particle
        ("step down"). Such a lemma keeps a sentence only when one of its words is in it too.

    Examples
    --------
    >>> mine = Triggers(words=["embargo"], needs={"cut": ["oil", "gas"]})
    >>> both = mine | Triggers(words=["meet"])
    >>> sorted(both.words), sorted(both.needs["cut"])
    (['embargo', 'meet'], ['gas', 'oil'])
    """

    words: frozenset[str] = frozenset()
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", frozenset(w.lower() for w in self.words))
        object.__setattr__(self, "needs", {k.lower(): frozenset(w.lower() for w in v)
                                           for k, v in dict(self.needs).items()})

    def __or__(self, other: Triggers) -> Triggers:
        needs = {k: set(v) for k, v in self.needs.items()}
        for k, v in other.needs.items():
            needs.setdefault(k, set()).update(v)
        return Triggers(self.words | other.words, needs)


def make_prefilter(triggers: Triggers | Iterable[Triggers], *, keep_before: int = 1,
                   user_actors: Iterable[Any] = ()) -> Prefilter:
    """The prefilter that keeps the sentences holding the declared ``triggers`` of the extractors.

    ``user_actors`` (the user's actor list) adds the words of their names and aliases to what
    may name an actor.

    >>> pf = make_prefilter([Triggers(words={"meet"}), Triggers(needs={"step": {"down"}})])
    >>> pf.has_trigger("The two ministers met in Geneva."), pf.has_trigger("It rained.")
    (True, False)
    >>> pf.has_trigger("She stepped outside."), pf.has_trigger("She stepped down.")
    (False, True)
    """
    declared = [triggers] if isinstance(triggers, Triggers) else list(triggers)
    union = Triggers()
    for t in declared:
        union = union | t
    actor_words = {w for ua in user_actors for name in (ua.name, *ua.aliases)
                   for w in _WORD.findall(name)}
    return Prefilter(union.words, (), needs=union.needs, keep_before=keep_before, actor_words=actor_words)

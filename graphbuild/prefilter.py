"""A cheap first pass over the raw text: only sentences that can hold an event are parsed.

Parsing is most of the cost of a build, and most sentences of a news article hold no event.
Before the spaCy pipeline runs, the text is cut into sentences with a few regular expressions
(no model), and a sentence is kept when

- it contains a surface form of a trigger of the lexicon (each lemma inflected with simple
  English rules, plus the irregular forms in ``graphbuild/data/irregular_forms.csv``), or of a
  naming verb ("called the move unfriendly");
- it is the sentence before such a sentence, so that "he", "the minister" and "both sides"
  still find what they refer to;
- it names a person in full ("Foreign Minister Jane Roe"), so that a later "Roe" gets her
  full name, country and role.

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
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterable, Iterator

from .types import Article

__all__ = ["FilterResult", "Prefilter", "make_prefilter", "split_sentences", "surface_forms",
           "irregular_forms"]

# Words after which a full stop does not end a sentence: titles, initials' company, months.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col sgt capt cmdr adm gov sen rep st jr sr no nos vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec mt ft approx dept est fig hon rev maj brig pres
amb ave blvd bros cf al e.g i.e u.s u.k u.n
""".split())

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)[.!?…]+[\"'”’)\]]*$")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
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
            word = _LAST_WORD.search(text, a, m.end())
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
    forms = {w, w + "s", w + "ed", w + "ing"}
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(w + "es")
    if w.endswith("e"):
        forms |= {w + "d", w[:-1] + "ing"}
        if w.endswith("ie"):
            forms.add(w[:-2] + "ying")
    if w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 2 and w[-1] not in _VOWELS | {"w", "x", "y"} and w[-2] in _VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # ban -> banned; visit -> visitted (harmless)
    if w.endswith("c"):
        forms |= {w + "ked", w + "king"}
    if w.endswith("f"):
        forms.add(w[:-1] + "ves")
    forms |= irregular_forms().get(w, frozenset())
    return frozenset(forms)


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
        Trigger lemmas. Both are inflected both ways (a verb lemma also as a noun), since the
        parser may tag a word either way.
    naming_verbs
        Lemmas of verbs of naming ("call", "describe"), which trigger with a disapproving
        complement.
    keep_before
        Also keep this many sentences before each trigger sentence (blank ones do not count).
    """

    def __init__(self, verbs: Iterable[str] = (), nouns: Iterable[str] = (), *,
                 naming_verbs: Iterable[str] = (), keep_before: int = 1):
        words: set[str] = set()
        for lemma in [*verbs, *nouns, *naming_verbs]:
            for part in re.split(r"[\s_]+", lemma.strip()):
                if part:
                    words |= surface_forms(part)
                    if "-" in part:  # "cease-fire": also its parts and the closed form
                        words |= surface_forms(part.replace("-", ""))
        self.words = frozenset(words)
        self.keep_before = keep_before

    def has_trigger(self, sentence: str) -> bool:
        """Whether ``sentence`` holds a surface form of a trigger.

        >>> Prefilter(verbs={"meet"}).has_trigger("They MET twice.")
        True
        """
        words = self.words
        for m in _WORD.finditer(sentence):
            w = m.group().lower().replace("’", "'")
            if w in words:
                return True
            if "'" in w and w.split("'", 1)[0] in words:  # "talks'"
                return True
            if "-" in w and any(p in words for p in w.split("-")):
                return True
        for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)+", sentence):
            word = m.group().lower()
            if word in words or word.replace("-", "") in words or any(
                    p in words for p in word.split("-")):
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
            if self.has_trigger(sentence):
                keep[i] = True
                need, j = self.keep_before, i - 1
                while need > 0 and j >= 0:
                    if not blank[j]:
                        keep[j] = True
                        need -= 1
                    j -= 1
            elif not keep[i] and names_person(sentence):
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


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


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


def make_prefilter(lexicon: Any = None, *, keep_before: int = 1) -> Prefilter:
    """The prefilter for a trigger lexicon (default: the built-in one) and the naming verbs."""
    from .extract import events

    if lexicon is None:
        from .extract.lexicon import load_lexicon

        lexicon = load_lexicon()
    verbs, nouns = _lexicon_lemmas(lexicon)
    naming = getattr(events, "NAMING_VERBS", None) or getattr(events, "_NAMING_VERBS", ())
    return Prefilter(verbs, nouns, naming_verbs=naming, keep_before=keep_before)


def _lexicon_lemmas(lexicon: Any) -> tuple[set[str], set[str]]:
    verbs: set[str] = set()
    nouns: set[str] = set()
    for trig in _iter_triggers(lexicon):
        (verbs if str(getattr(trig, "pos", "VERB")).upper().endswith("VERB") else nouns).add(trig.lemma)
    return verbs, nouns


def _iter_triggers(lexicon: Any) -> Iterator[Any]:
    for name in ("all_triggers", "entries", "triggers_list"):
        found = getattr(lexicon, name, None)
        if found is not None:
            yield from (found() if callable(found) else found)
            return
    raise TypeError(f"cannot list the triggers of {type(lexicon).__name__}")

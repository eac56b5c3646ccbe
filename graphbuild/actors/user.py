"""A user's own actor list (``--actors FILE``): who is who, as the user knows it; it wins over
every inference.

Two formats: a CSV with the columns ``name, aliases, type, country, role, valid_from,
valid_to, sector`` (:func:`load_actor_list` on a ``.csv``), and the PETRARCH/Phoenix ``.txt``
actor dictionaries event-data users already keep (:func:`read_actor_dictionary`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..types import Actor, ActorType, Sector

log = logging.getLogger(__name__)

__all__ = ["UserActor", "load_actor_list", "read_actor_list_csv", "read_actor_dictionary"]


@dataclass(frozen=True)
class UserActor:
    """One row of a user's actor list (``--actors FILE``); it wins over inference.

    ``valid_from`` and ``valid_to`` bound, both days included, when the row applies.
    """

    name: str
    type: ActorType
    country: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    sector: Sector | None = None

    def actor(self) -> Actor:
        return Actor(self.name, self.type, self.country, self.role, self.aliases, sector=self.sector)

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


def load_actor_list(path: str | Path) -> list[UserActor]:
    """Read a user's actor list: a PETRARCH/Phoenix dictionary if the file ends in ``.txt``,
    else a CSV (:func:`read_actor_list_csv`)."""
    if str(path).lower().endswith(".txt"):
        return read_actor_dictionary(path)
    return read_actor_list_csv(path)


def _row_of(row: dict, path: str, line: int) -> UserActor:
    name = (row.get("name") or "").strip()
    if not name:
        raise InputError("empty name", path=path, line=line)
    try:
        kind = ActorType((row.get("type") or "PERSON").strip().upper())
    except ValueError:
        raise InputError(f"unknown type {row.get('type')!r}; valid: PERSON, COUNTRY, ORG",
                         path=path, line=line) from None
    country = (row.get("country") or "").strip().upper() or None
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise InputError(f"country {country!r} is not an ISO 3166 alpha-3 code", path=path, line=line)
    dates = []
    for col in ("valid_from", "valid_to"):
        value = (row.get(col) or "").strip()
        try:
            dates.append(dt.date.fromisoformat(value) if value else None)
        except ValueError:
            raise InputError(f"{col} {value!r} is not an ISO date (YYYY-MM-DD)",
                             path=path, line=line) from None
    sector_text = (row.get("sector") or "").strip()
    try:
        sector = Sector(sector_text) if sector_text else None
    except ValueError:
        raise InputError(f"unknown sector {sector_text!r}; valid: {', '.join(s.value for s in Sector)}",
                         path=path, line=line) from None
    aliases = tuple(a.strip() for a in re.split(r"[;|]", row.get("aliases") or "") if a.strip())
    return UserActor(name, kind, country, (row.get("role") or "").strip() or None,
                     aliases, dates[0], dates[1], sector)


def read_actor_list_csv(path: str | Path) -> list[UserActor]:
    """Read a CSV actor list: ``name, aliases, type, country, role, valid_from, valid_to, sector``.

    Only ``name`` is required. ``aliases`` are separated by ``;`` or ``|``; ``type`` is PERSON
    (the default), COUNTRY or ORG; ``country`` an ISO 3166 alpha-3 code; dates ISO dates, both
    days included, and may be empty; ``sector`` one of :class:`graphbuild.types.Sector`'s
    values. A bad row raises :class:`InputError` naming the file and line.
    """
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InputError(f"cannot read actor list: {err.strerror}", path=str(path)) from err
    with fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError("actor list needs a header with at least 'name' and 'type'",
                             path=str(path), line=1)
        return [_row_of(row, str(path), line) for line, row in enumerate(reader, start=2)]


# --------------------------------------------------------------------------- PETRARCH dictionaries

#: The CAMEO role codes that name a sector, as they follow a state's code ("USAGOV", "IRQMIL").
_CAMEO_SECTORS = {
    "GOV": Sector.GOVERNMENT, "MIL": Sector.MILITARY, "COP": Sector.POLICE,
    "SPY": Sector.GOVERNMENT, "JUD": Sector.JUDICIARY, "LEG": Sector.LEGISLATURE,
    "REB": Sector.REBELS, "INS": Sector.REBELS, "UAF": Sector.REBELS, "OPP": Sector.OPPOSITION,
    "CVL": Sector.CIVILIANS, "MED": Sector.MEDIA, "BUS": Sector.BUSINESS, "MNC": Sector.BUSINESS,
    "IGO": Sector.IGO, "NGO": Sector.NGO,
}
_NON_STATE_PREFIXES = {"IGO", "NGO", "MNC", "IMG", "UIS", "INT"}


def _dictionary_date(text: str, where: str) -> dt.date:
    """A YYMMDD (00-30 read as 20YY, else 19YY) or YYYYMMDD date of a PETRARCH dictionary."""
    digits = text.strip()
    try:
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if len(digits) == 6:
            year = int(digits[:2])
            return dt.date(year + (2000 if year <= 30 else 1900), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        pass
    raise InputError(f"{where}: {text!r} is not a dictionary date (YYMMDD or YYYYMMDD)")


def _phrase(text: str) -> str:
    words = [w for w in re.split(r"[_\s]+", text.strip()) if w]
    return " ".join(w if not w.isupper() or len(w) <= 1 else w.capitalize() for w in words)


def _code_and_dates(inner: str, where: str) -> tuple[str, dt.date | None, dt.date | None]:
    """``USAGOV 090120-170120``, ``USAGOV >090120``, ``USAGOV <170120`` or ``USAGOV``."""
    code, _, rest = inner.strip().partition(" ")
    rest = rest.strip()
    if not code:
        raise InputError(f"{where}: empty code in brackets")
    if not rest:
        return code, None, None
    if rest[0] in "<>":
        day = _dictionary_date(rest[1:], where)
        return (code, None, day) if rest[0] == "<" else (code, day, None)
    start, sep, end = rest.partition("-")
    if not sep:
        raise InputError(f"{where}: date restriction {rest!r}; expected <DATE, >DATE or DATE-DATE")
    first, last = _dictionary_date(start, where), _dictionary_date(end, where)
    if last < first:
        raise InputError(f"{where}: restriction ends ({last}) before it starts ({first})")
    return code, first, last


@dataclass
class _Entry:
    name: str
    line: int
    aliases: list[str] = dataclasses.field(default_factory=list)
    codes: list[tuple[str, dt.date | None, dt.date | None]] = dataclasses.field(default_factory=list)
    default: str | None = None


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        line = line.split(mark, 1)[0]
    return line.rstrip()


def _entries(lines: Iterable[str], path: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for n, raw in enumerate(lines, 1):
        if raw.lstrip().startswith("<!") or "---STOP---" in raw:
            if "---STOP---" in raw:
                break
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        where = f"{path}:{n}"
        stripped = line.strip()
        if line[0] in " \t" and stripped.startswith("["):
            if not entries:
                raise InputError(f"{where}: a role line before any actor name")
            entries[-1].codes.append(_code_and_dates(stripped.strip("[]"), where))
        elif stripped.startswith("+"):
            if not entries:
                raise InputError(f"{where}: an alias line before any actor name")
            entries[-1].aliases.append(_phrase(stripped[1:]))
        else:
            name, _, code = stripped.partition("[")
            if not _phrase(name):
                raise InputError(f"{where}: no actor name")
            entries.append(_Entry(_phrase(name), n, default=code.strip(" ]") or None))
    return entries


def _code_parts(code: str) -> tuple[str | None, Sector | None]:
    import pycountry

    head = code[:3].upper()
    sector = next((_CAMEO_SECTORS[code[i:i + 3].upper()] for i in range(0, len(code), 3)
                   if code[i:i + 3].upper() in _CAMEO_SECTORS), None)
    if head in _NON_STATE_PREFIXES or pycountry.countries.get(alpha_3=head) is None:
        return None, sector
    return head, sector


def _kind(code: str, country: str | None, dated: bool) -> ActorType:
    """A state's bare code is the state; a dated role is a person's; other codes name groups."""
    if country is not None and len(code) == 3:
        return ActorType.COUNTRY
    return ActorType.PERSON if dated else ActorType.ORG


def _rows_of(entry: _Entry) -> list:
    codes = list(entry.codes)
    if entry.default:
        codes.append((entry.default, None, None))
    dated = any(start or end for _, start, end in entry.codes)
    rows = []
    for code, start, end in codes:
        country, sector = _code_parts(code)
        rows.append(UserActor(entry.name, _kind(code, country, dated), country, None,
                              tuple(entry.aliases), start, end, sector=sector))
    return rows


def read_actor_dictionary(path: str | Path) -> list:
    """Read a PETRARCH/Phoenix ``.txt`` actor dictionary into ``--actors`` rows.

    The format: an actor's name on a line of its own (words joined by ``_`` or spaces, an
    optional default ``[CODE]`` after it), ``+ALIAS`` lines, and indented role lines
    ``[CODE YYMMDD-YYMMDD]``, ``[CODE >YYMMDD]`` (from), ``[CODE <YYMMDD]`` (until) or
    ``[CODE]``. A code is a state's three letters followed by role codes (``USAGOV``: the
    USA, government). ``#`` and ``;`` start comments. Each role becomes one dated row; a
    default code becomes an undated row after the dated ones, so a date inside a role picks
    the role.

    Raises
    ------
    InputError
        A line that cannot be read, naming the file and line.

    Examples
    --------
    >>> import tempfile, os
    >>> text = "ANN_EXAMPLE_\\n+A_EXAMPLE_\\n\\t[FRAGOV 010501-060501]\\n\\t[FRAELI]\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
    ...     _ = fh.write(text)
    >>> rows = read_actor_dictionary(fh.name); os.unlink(fh.name)
    >>> [(r.name, r.country, r.valid_from.year if r.valid_from else None) for r in rows]
    [('Ann Example', 'FRA', 2001), ('Ann Example', 'FRA', None)]
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="strict")
    except UnicodeDecodeError as err:
        raise InputError(f"actor dictionary is not UTF-8 ({err.reason})", path=str(path)) from err
    except OSError as err:
        raise InputError(f"cannot read actor dictionary: {err.strerror}", path=str(path)) from err
    rows = []
    for entry in _entries(text.splitlines(), str(path)):
        if not entry.codes and not entry.default:
            log.warning("%s:%d: actor %s has no code; skipped", path, entry.line, entry.name)
            continue
        rows.extend(_rows_of(entry))
    return rows

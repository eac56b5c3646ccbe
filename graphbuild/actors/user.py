"""A user's actor list (``--actors FILE``): people, states and organisations that win over inference."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import InputError
from ..types import Actor, ActorType, Sector

__all__ = ["UserActor", "load_actor_list"]


@dataclass(frozen=True)
class UserActor:
    """One row of a user's actor list (``--actors FILE``); it wins over inference."""

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


def load_actor_list(path: str) -> list[UserActor]:
    """Read a user's actor list: CSV with ``name, aliases, type, country, role, valid_from, valid_to``
    and optionally ``sector``.

    ``aliases`` are separated by ``;`` or ``|``; ``type`` is PERSON, COUNTRY or ORG; dates are
    ISO dates and may be empty; ``sector`` is one of :class:`~graphbuild.types.Sector`
    (government, military, rebels ...) or empty. A bad row raises :class:`InputError` naming the file and line.
    """
    rows: list[UserActor] = []
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as err:
        raise InputError(f"cannot read actor list: {err.strerror}", path=str(path)) from err
    with fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "name" not in reader.fieldnames:
            raise InputError("actor list needs a header with at least 'name' and 'type'",
                             path=str(path), line=1)
        for line, row in enumerate(reader, start=2):
            name = (row.get("name") or "").strip()
            if not name:
                raise InputError("empty name", path=str(path), line=line)
            try:
                kind = ActorType((row.get("type") or "PERSON").strip().upper())
            except ValueError:
                raise InputError(f"unknown type {row.get('type')!r}; valid: PERSON, COUNTRY, ORG",
                                 path=str(path), line=line) from None
            country = (row.get("country") or "").strip().upper() or None
            if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
                raise InputError(f"country {country!r} is not an ISO 3166 alpha-3 code",
                                 path=str(path), line=line)
            dates = []
            for col in ("valid_from", "valid_to"):
                value = (row.get(col) or "").strip()
                try:
                    dates.append(dt.date.fromisoformat(value) if value else None)
                except ValueError:
                    raise InputError(f"{col} {value!r} is not an ISO date (YYYY-MM-DD)",
                                     path=str(path), line=line) from None
            aliases = tuple(a.strip() for a in re.split(r"[;|]", row.get("aliases") or "") if a.strip())
            rows.append(UserActor(name, kind, country, (row.get("role") or "").strip() or None,
                                  aliases, dates[0], dates[1], _sector(row, path, line)))
    return rows


def _sector(row: dict[str, str | None], path: str, line: int) -> Sector | None:
    value = (row.get("sector") or "").strip()
    if not value:
        return None
    try:
        return Sector(value)
    except ValueError:
        raise InputError(f"sector {value!r} is not one of: {', '.join(s.value for s in Sector)}",
                         path=str(path), line=line) from None

"""Links out: each state's Wikipedia article and DBpedia resource, from countryinfo's data.

countryinfo gives most states a ``wiki`` link. Its titles are often lower-cased slugs
(``united_kingdom``), and some are wrong (a typo, another country's article, a slug that is
no article), so a link is kept only when its title, normalised (case, accents, ``_`` and
punctuation), is one of the names countryinfo or pycountry give that state; the title is
then written as that name is written (``United_Kingdom``), since Wikipedia and DBpedia
titles are case-sensitive after the first letter. The DBpedia IRI is derived from the same
title (``http://dbpedia.org/resource/{title}``), DBpedia's rule for naming resources. A state
whose link does not pass gets none, rather than a wrong one. Nothing here is typed by hand.

Examples
--------
>>> wikipedia, dbpedia = state_links()["GBR"]
>>> wikipedia
'https://en.wikipedia.org/wiki/United_Kingdom'
>>> dbpedia
'http://dbpedia.org/resource/United_Kingdom'
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

__all__ = ["state_links", "WIKIPEDIA", "DBPEDIA"]

logger = logging.getLogger(__name__)

WIKIPEDIA = "https://en.wikipedia.org/wiki/"
DBPEDIA = "http://dbpedia.org/resource/"


def _key(text: str) -> str:
    """``text`` without case, accents, punctuation or underscores: ``"Côte d'Ivoire"`` ->
    ``"cote d ivoire"``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _title(name: str) -> str:
    """A Wikipedia title as written in a URL: spaces as underscores, percent-encoded."""
    title = "_".join(name.split())
    return quote(title[:1].upper() + title[1:], safe="_(),'-.")


def _names(iso3: str, info: dict) -> list[str]:
    import pycountry

    names = [info.get("name") or "", info.get("nativeName") or "",
             *[a for a in info.get("altSpellings") or () if len(a) > 3]]
    record = pycountry.countries.get(alpha_3=iso3)
    if record is not None:
        names += [getattr(record, "common_name", ""), record.name,
                  getattr(record, "official_name", "")]
    return [n for n in names if n]


def _link(iso3: str, info: dict) -> tuple[str, str] | None:
    wiki = info.get("wiki")
    if not wiki:
        return None
    parts = urlsplit(str(wiki))
    if not parts.netloc.endswith("wikipedia.org") or not parts.path.startswith("/wiki/"):
        return None
    key = _key(unquote(parts.path[len("/wiki/"):]))
    for name in _names(iso3, info):
        if _key(name) == key:
            title = _title(name)
            return WIKIPEDIA + title, DBPEDIA + title
    logger.debug("%s: countryinfo's wiki link %s names none of its names; no link", iso3, wiki)
    return None


@lru_cache(maxsize=1)
def state_links() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 code -> (Wikipedia IRI, DBpedia IRI), for every state whose
    countryinfo link passes the check above."""
    import pycountry
    from countryinfo import CountryInfo, CountryNotFoundError

    links: dict[str, tuple[str, str]] = {}
    for record in pycountry.countries:
        try:  # the state's own entry (countryinfo also has entries for parts of some states)
            info = CountryInfo(record.alpha_3).info()
        except CountryNotFoundError:
            continue
        link = _link(record.alpha_3, info)
        if link is not None:
            links[record.alpha_3] = link
    return links

"""Cleaning of the metadata fields a source states: dates, languages, URL hosts.

Each function returns `None` for a value it cannot read, never a guess.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_LANG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


def iso_date(value: str) -> str | None:
    """`YYYY-MM-DD` from an ISO date or datetime (`2025-07-04T10:00Z`), else None."""
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


def primary_lang(tag: str) -> str | None:
    """The primary subtag of a language tag or locale, lower case: `en-GB`, `en_GB` → `en`."""
    match = _LANG.match(tag.strip())
    return match.group(0).lower() if match else None


def host_of(url: str) -> str | None:
    """The URL's host without a leading `www.`, as a stand-in for the outlet's name."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None

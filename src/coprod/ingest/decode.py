"""Bytes to the text every later offset refers to: decoding and normalisation.

Decoding is a cascade that never loses a byte and records which rule fired:
a byte-order mark, then strict UTF-8, then charset detection among the legacy
encodings European and Ukrainian news is written in, then cp1252, then Latin-1
(which maps every byte, so it always succeeds).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from charset_normalizer import from_bytes

# Candidates for detection: Western, Cyrillic (Ukrainian, Russian) and Central European.
# Restricting the set keeps short samples from being read as e.g. Korean johab.
LEGACY_ENCODINGS = ["cp1252", "cp1251", "cp1250", "koi8_u", "iso8859_15"]
DEFAULT_LEGACY = "cp1252"  # wins ties: the usual encoding of old Western pages
MAX_CONTROL_SHARE = 0.01  # more control characters than this and it is not prose
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc except \t \n \v \f \r
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Decoded(NamedTuple):
    text: str
    encoding: str  # the codec that produced `text`; "detected:" marks a guess


def decode(data: bytes) -> Decoded:
    """Decode `data` losslessly, trying the most precise rule first."""
    codec = "utf-16" if data.startswith(_UTF16_BOMS) else "utf-8-sig"
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        pass
    guessed = _detect(data)
    if guessed is not None:
        return guessed
    try:
        return Decoded(data.decode(DEFAULT_LEGACY), DEFAULT_LEGACY)
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _detect(data: bytes) -> Decoded | None:
    """charset_normalizer's calmest reading among LEGACY_ENCODINGS, cp1252 on a tie."""
    matches = list(from_bytes(data, cp_isolation=LEGACY_ENCODINGS))
    if not matches:
        return None
    calmest = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= calmest]
    preferred = [m for m in tied if DEFAULT_LEGACY in m.could_be_from_charset]
    chosen = (preferred or tied)[0]
    return Decoded(str(chosen), f"detected:{chosen.encoding}")


def normalise(text: str) -> str:
    """NFC, and every line break as `\\n`: the form offsets into a document refer to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def has_nul(data: bytes) -> bool:
    """A NUL byte outside UTF-16 text: the mark of a binary file."""
    return b"\x00" in data and not data.startswith(_UTF16_BOMS)


def too_many_controls(text: str) -> bool:
    """Decoded, but more control characters than prose ever has."""
    return len(_CONTROLS.findall(text)) > MAX_CONTROL_SHARE * len(text)

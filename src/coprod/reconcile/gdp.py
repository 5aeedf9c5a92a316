"""GDP in current US dollars (World Bank WDI indicator NY.GDP.MKTP.CD) per country and year.

A commitment is set against its country's GDP. The figures come from a table shipped in the
package (`coprod/data/gdp_wdi.csv`, provenance in `gdp_wdi.json`) and from World Bank CSV
files the user loads; a loaded figure overrides the shipped one for the same country and year.

Three CSV layouts are read, told apart by their header:
- the World Bank's own download (`API_NY.GDP.MKTP.CD_DS2_*.csv`): metadata lines, then
  `"Country Name","Country Code","Indicator Name","Indicator Code","1960",...`, one column
  per year, an empty cell where a year is missing, often a byte-order mark and a trailing
  comma; a file of any other indicator is refused;
- the long layout of datasets/gdp: `Country Name,Country Code,Year,Value`;
- our own: `iso3,year,gdp_usd`.

Empty cells are skipped. A row whose code is not three upper-case letters is skipped (the
World Bank's regional aggregates have such codes too and are kept: they are harmless). Any
other bad input raises `InputError` naming the file and the line.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from coprod.errors import InputError

INDICATOR = "NY.GDP.MKTP.CD"  # GDP (current US$)
MAX_PREAMBLE_LINES = 10  # the World Bank puts 4 metadata lines before its header

_WIDE = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
_LONG = ("Country Name", "Country Code", "Year", "Value")
_OURS = ("iso3", "year", "gdp_usd")
_CODE = re.compile(r"[A-Z]{3}")
_YEAR = re.compile(r"\d{4}")

_DATA = "data"
_SHIPPED_CSV = "gdp_wdi.csv"
_SHIPPED_META = "gdp_wdi.json"


class _Rows(Protocol):
    """A csv reader: rows, and the number of the last physical line read."""

    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


@dataclass(frozen=True)
class GdpFigure:
    """One country's GDP for one year, in current US dollars, and where it came from."""

    iso3: str
    year: int
    gdp_usd: float
    source: str  # "World Bank WDI NY.GDP.MKTP.CD, vintage ..." or the loaded file's name


def parse_world_bank_csv(path: Path) -> list[GdpFigure]:
    """The figures of a World Bank GDP CSV in any of the three layouts (module docstring).

    Raises InputError, naming the file and line, for a file that is unreadable, binary, not
    UTF-8, without a recognised header, of another indicator or with a non-numeric value.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return _parse(data, str(path), source=path.name)


@functools.cache
def _shipped_meta() -> dict[str, str]:
    text = (resources.files("coprod") / _DATA / _SHIPPED_META).read_text("utf-8")
    meta = json.loads(text)
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise InputError(f"{_SHIPPED_META}: expected an object of strings")
    return meta


def shipped_meta() -> dict[str, str]:
    """Provenance of the shipped table: indicator, source, vintage, copied_from, license."""
    return dict(_shipped_meta())


@functools.cache
def _shipped() -> tuple[GdpFigure, ...]:
    data = (resources.files("coprod") / _DATA / _SHIPPED_CSV).read_bytes()
    source = f"World Bank WDI {INDICATOR}, vintage {_shipped_meta()['vintage']}"
    return tuple(_parse(data, _SHIPPED_CSV, source=source))


def shipped() -> list[GdpFigure]:
    """The GDP table shipped in the package (read once)."""
    return list(_shipped())


class GdpTable:
    """GDP figures by country and year; a later figure for the same (iso3, year) wins.

    Build it from the shipped figures followed by loaded ones, so loaded files override.
    """

    def __init__(self, figures: Iterable[GdpFigure]) -> None:
        self._by_country: dict[str, dict[int, GdpFigure]] = {}
        for figure in figures:
            self._by_country.setdefault(figure.iso3, {})[figure.year] = figure
        self._years = {iso3: sorted(f) for iso3, f in self._by_country.items()}

    def lookup(self, iso3: str, year: int) -> GdpFigure | None:
        """The GDP of `iso3` for `year`, by the latest-earlier-year rule.

        The rule: the figure of `year` itself; when that year is not yet published (GDP
        appears a year or more late), the figure of the latest earlier year, whose `year`
        tells the caller which year was used. None when the country has no figure at or
        before `year`: never a later year, never an estimate.
        """
        code = iso3.upper()
        years = self._years.get(code, [])
        at = bisect_right(years, year)
        return self._by_country[code][years[at - 1]] if at else None


def _parse(data: bytes, name: str, source: str) -> list[GdpFigure]:
    """The figures in the CSV `data`; `name` (the file) is used in error messages."""
    if b"\x00" in data:
        raise InputError(f"{name}: a binary file, not a CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}, line {line}: not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(_figures(reader, name, source))
    except csv.Error as exc:
        raise InputError(f"{name}, line {reader.line_num}: not a CSV ({exc})") from None


def _figures(reader: _Rows, name: str, source: str) -> Iterator[GdpFigure]:
    """Find the header, then read each non-blank row by the layout the header names."""
    header = _header(reader, name)
    rows: Callable[..., Iterator[GdpFigure]]
    if header[:4] == _WIDE:
        years = _year_columns(header, f"{name}, line {reader.line_num}")
        rows = functools.partial(_wide_row, years=years)
    else:
        rows = _long_row if header[:4] == _LONG else _our_row
    for row in reader:
        cells = [cell.strip() for cell in row]
        if any(cells):
            yield from rows(cells, at=f"{name}, line {reader.line_num}", source=source)


def _header(reader: _Rows, name: str) -> tuple[str, ...]:
    """The first row that is one of the three headers, within MAX_PREAMBLE_LINES lines."""
    for row in reader:
        cells = tuple(cell.strip() for cell in row)
        if cells[:4] in (_WIDE, _LONG) or cells[:3] == _OURS:
            return cells
        if reader.line_num >= MAX_PREAMBLE_LINES:
            break
    raise InputError(
        f"{name}, line {max(reader.line_num, 1)}: no recognised header; expected "
        f"{','.join(_WIDE)},<years> or {','.join(_LONG)} or {','.join(_OURS)}"
    )


def _year_columns(header: Sequence[str], at: str) -> list[tuple[int, int]]:
    """(column, year) for each year column of a wide header; the trailing empty one is left."""
    columns = []
    for column, cell in enumerate(header[4:], start=4):
        if not cell:
            continue
        if not _YEAR.fullmatch(cell):
            raise InputError(f"{at}: header column {cell!r} is not a year")
        columns.append((column, int(cell)))
    return columns


def _wide_row(
    cells: list[str], at: str, source: str, years: list[tuple[int, int]]
) -> Iterator[GdpFigure]:
    """One country of the World Bank's download: a figure for each non-empty year cell."""
    if len(cells) < 4:
        raise InputError(f"{at}: expected {len(_WIDE)} name and code cells, found {len(cells)}")
    if cells[3] != INDICATOR:
        raise InputError(f"{at}: indicator {cells[3]!r} is not {INDICATOR} (GDP, current US$)")
    if not _CODE.fullmatch(cells[1]):
        return
    for column, year in years:
        cell = cells[column] if column < len(cells) else ""
        if cell:
            yield GdpFigure(cells[1], year, _number(cell, at), source)


def _long_row(cells: list[str], at: str, source: str) -> Iterator[GdpFigure]:
    """One row of `Country Name,Country Code,Year,Value`."""
    if len(cells) < len(_LONG):
        raise InputError(f"{at}: expected {len(_LONG)} cells, found {len(cells)}")
    yield from _figure(cells[1], cells[2], cells[3], at, source)


def _our_row(cells: list[str], at: str, source: str) -> Iterator[GdpFigure]:
    """One row of `iso3,year,gdp_usd`."""
    if len(cells) < len(_OURS):
        raise InputError(f"{at}: expected {len(_OURS)} cells, found {len(cells)}")
    yield from _figure(cells[0], cells[1], cells[2], at, source)


def _figure(code: str, year: str, value: str, at: str, source: str) -> Iterator[GdpFigure]:
    """The figure of one long row; nothing for an empty value or a code that is not ISO3."""
    if not _YEAR.fullmatch(year):
        raise InputError(f"{at}: year {year!r} is not a year")
    if value and _CODE.fullmatch(code):
        yield GdpFigure(code, int(year), _number(value, at), source)


def _number(cell: str, at: str) -> float:
    """A GDP value: a finite, positive number (a zero would divide every share by nothing)."""
    try:
        value = float(cell)
    except ValueError:
        raise InputError(f"{at}: {cell!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{at}: {cell!r} is not a GDP figure (finite and positive)")
    return value

"""GDP per country and year (coprod.reconcile.gdp): the three CSV layouts, lookups, the table."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprod.errors import InputError
from coprod.reconcile.gdp import (
    INDICATOR,
    GdpFigure,
    GdpTable,
    parse_world_bank_csv,
    shipped,
    shipped_meta,
)

YEARS = list(range(2018, 2025))
WIDE_HEAD = '"Country Name","Country Code","Indicator Name","Indicator Code",' + ",".join(
    f'"{y}"' for y in YEARS
)
PREAMBLE = '"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-07-01",\n\n'


def wide_row(name: str, code: str, values: list[str], indicator: str = INDICATOR) -> str:
    cells = [name, code, "GDP (current US$)", indicator, *values]
    return ",".join(f'"{cell}"' for cell in cells) + ","


def write_wide(tmp_path: Path, *rows: str) -> Path:
    """A World Bank download as it arrives: BOM, 4 metadata lines, trailing commas, CRLF."""
    path = tmp_path / "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_1.csv"
    text = PREAMBLE + WIDE_HEAD + ",\n" + "\n".join(rows) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    return path


def write(tmp_path: Path, text: str, name: str = "gdp.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wide_download_skips_empty_cells_and_keeps_three_letter_aggregates(tmp_path: Path) -> None:
    path = write_wide(
        tmp_path,
        wide_row("Lithuania", "LTU", ["100", "110", "", "130.5", "140", "150", ""]),
        wide_row("European Union", "EUU", ["1e13", "", "", "", "", "", ""]),
        wide_row("Not classified", "INX", ["", "", "", "", "", "", ""]),
        wide_row("Kosovo", "XK", ["5", "", "", "", "", "", ""]),
    )
    figures = parse_world_bank_csv(path)
    ltu = {f.year: f.gdp_usd for f in figures if f.iso3 == "LTU"}
    assert ltu == {2018: 100.0, 2019: 110.0, 2021: 130.5, 2022: 140.0, 2023: 150.0}
    assert {f.iso3 for f in figures} == {"LTU", "EUU"}
    assert all(f.source == path.name for f in figures)


def test_long_layout(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Country Name,Country Code,Year,Value\n"
        "Denmark,DNK,2022,400114306337.077\n"
        '"Korea, Rep.",KOR,2023,1844800934391.54\n'
        "Somewhere,,2023,5\n"
        "Norway,NOR,2024,\n",
    )
    figures = parse_world_bank_csv(path)
    assert [(f.iso3, f.year, f.gdp_usd) for f in figures] == [
        ("DNK", 2022, 400114306337.077),
        ("KOR", 2023, 1844800934391.54),
    ]


def test_our_layout(tmp_path: Path) -> None:
    path = write(tmp_path, "iso3,year,gdp_usd\nSWE,2023,578990915246.07\n\nSWE,2024,604827393488\n")
    figures = parse_world_bank_csv(path)
    assert figures == [
        GdpFigure("SWE", 2023, 578990915246.07, "gdp.csv"),
        GdpFigure("SWE", 2024, 604827393488.0, "gdp.csv"),
    ]


# Lithuania published for 2021 and 2023 (not 2022); Norway only for 2020.
FIGURES = [
    GdpFigure("LTU", 2021, 67e9, "a"),
    GdpFigure("LTU", 2023, 80e9, "a"),
    GdpFigure("NOR", 2020, 382e9, "a"),
]


def table() -> GdpTable:
    return GdpTable(FIGURES)


def test_lookup_exact_year() -> None:
    found = table().lookup("LTU", 2023)
    assert found is not None
    assert (found.year, found.gdp_usd) == (2023, 80e9)


def test_lookup_takes_the_latest_earlier_year_and_says_so() -> None:
    later = table().lookup("LTU", 2026)
    gap = table().lookup("LTU", 2022)
    assert later is not None and later.year == 2023
    assert gap is not None and gap.year == 2021


def test_lookup_never_uses_a_later_year_nor_guesses() -> None:
    assert table().lookup("LTU", 2020) is None
    assert table().lookup("NOR", 2019) is None
    assert table().lookup("ISL", 2023) is None


def test_lookup_code_in_lower_case() -> None:
    found = table().lookup("nor", 2024)
    assert found is not None and found.year == 2020


def test_later_figures_override_earlier_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "iso3,year,gdp_usd\nLTU,2023,81000000000\n", name="mine.csv")
    merged = GdpTable([*FIGURES, *parse_world_bank_csv(path)])
    found = merged.lookup("LTU", 2023)
    assert found is not None
    assert (found.gdp_usd, found.source) == (81e9, "mine.csv")
    kept = merged.lookup("LTU", 2021)
    assert kept is not None and kept.source == "a"


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gdp.xlsx"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match=r"gdp\.xlsx.*binary"):
        parse_world_bank_csv(path)


def test_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_bytes(b"iso3,year,gdp_usd\nLTU,2023,\xff\xfe\n")
    with pytest.raises(InputError, match=r"gdp\.csv, line 2: not UTF-8"):
        parse_world_bank_csv(path)


def test_other_indicator_is_refused(tmp_path: Path) -> None:
    path = write_wide(tmp_path, wide_row("Lithuania", "LTU", ["1"] * 7, indicator="SP.POP.TOTL"))
    with pytest.raises(InputError, match=r"API_NY.*line 6: indicator 'SP\.POP\.TOTL'"):
        parse_world_bank_csv(path)


def test_garbage_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "country,gdp\nLithuania,80\n", name="junk.csv")
    with pytest.raises(InputError, match=r"junk\.csv, line 2: no recognised header"):
        parse_world_bank_csv(path)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"empty\.csv, line 1: no recognised header"):
        parse_world_bank_csv(write(tmp_path, "", name="empty.csv"))


@pytest.mark.parametrize("value", ["eighty", "8O", "nan", "inf", "-5"])
def test_non_numeric_value_is_refused_with_its_line(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"iso3,year,gdp_usd\nLTU,2022,70\nLTU,2023,{value}\n")
    with pytest.raises(InputError, match=r"gdp\.csv, line 3: .*"):
        parse_world_bank_csv(path)


def test_non_numeric_wide_cell_is_refused(tmp_path: Path) -> None:
    path = write_wide(tmp_path, wide_row("Lithuania", "LTU", ["1", "2", "n/a", "", "", "", ""]))
    with pytest.raises(InputError, match=r"line 6: 'n/a' is not a number"):
        parse_world_bank_csv(path)


def test_bad_year_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Country Name,Country Code,Year,Value\nDenmark,DNK,twenty,4\n")
    with pytest.raises(InputError, match=r"line 2: year 'twenty' is not a year"):
        parse_world_bank_csv(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.csv: cannot be read"):
        parse_world_bank_csv(tmp_path / "nowhere.csv")


PARTNERS = ["DNK", "LTU", "NOR", "SWE", "NLD", "DEU", "GBR", "CAN", "ISL", "ITA", "UKR"]


@pytest.mark.parametrize("iso3", PARTNERS)
def test_shipped_table_has_a_recent_positive_figure(iso3: str) -> None:
    recent = [f for f in shipped() if f.iso3 == iso3 and f.year >= 2022]
    assert recent
    assert all(f.gdp_usd > 0 for f in recent)


def test_shipped_table_answers_lookups_with_its_vintage() -> None:
    found = GdpTable(shipped()).lookup("LTU", 2023)
    assert found is not None and found.year == 2023
    assert shipped_meta()["vintage"] in found.source


def test_shipped_meta_names_indicator_and_copy() -> None:
    meta = shipped_meta()
    assert meta["indicator"] == INDICATOR
    assert meta["copied_from"].count("@") == 1
    assert meta["license"] == "CC BY 4.0"


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
figures = st.builds(
    GdpFigure,
    iso3=codes,
    year=st.integers(1960, 2100),
    gdp_usd=st.floats(min_value=1, max_value=1e15, allow_nan=False, allow_infinity=False),
    source=st.just("ours.csv"),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(figures, max_size=20))
def test_our_layout_round_trips(
    tmp_path_factory: pytest.TempPathFactory, rows: list[GdpFigure]
) -> None:
    path = tmp_path_factory.mktemp("gdp") / "ours.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["iso3", "year", "gdp_usd"])
        writer.writerows([f.iso3, f.year, repr(f.gdp_usd)] for f in rows)
    assert parse_world_bank_csv(path) == rows


def test_every_country_any_corpus_names_as_funder_or_party_has_a_shipped_gdp() -> None:
    """Gold files of every corpus we score: each country in them has a figure for 2024."""
    root = Path(__file__).parents[1] / "fixtures"
    files = [
        *root.glob("*gold.jsonl"),
        Path(__file__).parents[2] / "../shared/corpus/dev/gold.jsonl",
    ]
    codes: set[str] = set()
    for path in (f for f in files if f.exists()):
        for line in path.read_text(encoding="utf-8").splitlines():
            for fact in json.loads(line)["facts"]:
                codes.update(fact.get("funder") or [])
                codes.update(fact.get("parties") or [])
    countries = {c for c in codes if len(c) == 3 and c not in ("EUU",)} - {"G7"}
    assert len(countries) > 20
    table = GdpTable(shipped())
    missing = sorted(c for c in countries if table.lookup(c, 2024) is None)
    assert missing == []


def test_a_gdp_of_zero_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.write_text("iso3,year,gdp_usd\nDNK,2024,0\n", encoding="utf-8")
    with pytest.raises(InputError, match="finite and positive"):
        parse_world_bank_csv(path)

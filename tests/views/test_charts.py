"""The report's charts: well-formed SVG, a goal line where the scale puts it, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from coprod.pipeline import ingest_paths
from coprod.settings import Settings
from coprod.store import Store
from coprod.views.charts import (
    LEFT,
    PLOT,
    axis_end,
    danish_model_chart,
    pipeline_chart,
    scoreboard_chart,
    share_scale,
    timeline_chart,
)
from coprod.views.programmes import Event, PipelineCell, ProgrammeYear
from coprod.views.report import Ledger, build_ledger
from coprod.views.scoreboard import Scoreboard, ScoreRow

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onerror="x'
JAVASCRIPT = "javascript:alert(1)"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """The reconciled ledger of the ledger corpus, ingested for real."""
    db = tmp_path_factory.mktemp("charts") / "ledger.db"
    with Store.open(str(db)) as store:
        ingest_paths([FIXTURES / "ledger_docs.jsonl"], store, Settings(db=str(db)))
        yield build_ledger(store)


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == "svg"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.find("title") is not None and root.findtext("title")
    return root


def board(*rows: ScoreRow) -> Scoreboard:
    return Scoreboard(list(rows), {"source": "World Bank"})


def test_every_chart_of_a_real_ledger_is_well_formed(ledger: Ledger) -> None:
    charts = {
        "scoreboard": scoreboard_chart(ledger.scoreboard),
        "danish": danish_model_chart(ledger.danish_model),
        "pipeline": pipeline_chart(ledger.pipeline),
        "timeline": timeline_chart(ledger.timeline),
    }
    roots = {name: parsed(svg) for name, svg in charts.items()}
    with_share = [r.partner for r in ledger.scoreboard.rows if r.gdp_share_pct is not None]
    bars = roots["scoreboard"].findall(".//g[@class='bar']")
    assert [bar.findtext("text") for bar in bars] == with_share
    marks = roots["timeline"].findall(".//circle/title")
    assert len(marks) == len(ledger.timeline)
    assert {"planned →", "operational", "unstated"} <= {
        t.text for t in roots["pipeline"].iter("text")
    }
    goal = next(y for y in ledger.danish_model if y.goal_usd)
    assert f"({goal.goal_pct:,.0f}% of goal)" in charts["danish"]
    for svg in charts.values():
        assert "<script" not in svg and "http://www.w3.org" not in svg


def test_the_goal_line_sits_at_its_share_of_the_scale() -> None:
    assert share_scale([0.1]) == pytest.approx(0.3)  # 0.25 × 1.1 = 0.275, up to 0.3
    svg = scoreboard_chart(board(ScoreRow("DNK", gdp_share_pct=0.1, gdp_year=2025)))
    line = parsed(svg).find(".//line[@class='goal-line']")
    assert line is not None
    assert float(line.get("x1", "")) == pytest.approx(LEFT + PLOT * 0.25 / 0.3, abs=0.1)
    assert "0.25% of GDP" in svg


def test_the_scale_grows_when_a_bar_passes_the_line() -> None:
    assert share_scale([1.0]) == pytest.approx(1.2)
    svg = scoreboard_chart(
        board(ScoreRow("GBR", gdp_share_pct=1.0), ScoreRow("DNK", gdp_share_pct=0.05))
    )
    root = parsed(svg)
    line = root.find(".//line[@class='goal-line']")
    assert line is not None
    assert float(line.get("x1", "")) == pytest.approx(LEFT + PLOT * 0.25 / 1.2, abs=0.1)
    longest = max(float(r.get("width", "0")) for r in root.iter("rect"))
    assert longest == pytest.approx(PLOT / 1.2, abs=0.1)  # the bar stays inside the plot


def test_axis_ends_are_nice_numbers() -> None:
    ends = [axis_end(v) for v in (0.275, 0.503, 7.1, 6155, 0.25, 0)]
    assert ends == pytest.approx([0.3, 0.6, 8, 8000, 0.25, 1.0])


def test_hostile_text_is_escaped_and_a_javascript_url_is_never_a_link() -> None:
    hostile = f"{SCRIPT}{ATTRIBUTE}"
    charts = [
        scoreboard_chart(board(ScoreRow(hostile, gdp_share_pct=0.1, gdp_year=2025))),
        timeline_chart(
            [
                Event("2025-03-04", "k1", hostile, [hostile], hostile, JAVASCRIPT, hostile),
                Event("2025-04", "k2", "agreement", ["DNK"], "signed", "https://ok.example/a", ""),
            ]
        ),
        pipeline_chart(
            [PipelineCell("signed", hostile, ["k1"]), PipelineCell("signed", "DNK", [])]
        ),
        danish_model_chart([ProgrammeYear(2025, 1e6, 1e6, 1, 2e6, "k", 50.0)]),
    ]
    for svg in charts:
        root = parsed(svg)  # an unescaped quote or tag would break the XML
        assert "<script" not in svg
        assert 'onerror="' not in svg
        assert all(not el.tag.startswith("script") for el in root.iter())
    for svg in charts[:3]:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onerror=&#34;x" in svg
    links = [a.get("href") for a in ET.fromstring(charts[1]).iter("a")]
    assert links == ["https://ok.example/a"]
    assert "javascript:" not in charts[1]  # the URL of the hostile mark is not written at all


def test_a_timeline_tooltip_gives_date_and_label() -> None:
    event = Event("2025-07-04", "k", "agreement", ["DNK", "UKR"], "coproduction: signed", None, "")
    root = parsed(timeline_chart([event]))
    assert root.findtext(".//circle/title") == "2025-07-04 · DNK, UKR · coproduction: signed"
    assert not list(root.iter("a"))  # no URL, no link
    labels = [t.text for t in root.iter("text")]
    assert "Jul 2025" in labels and "Aug" in labels


def test_partial_and_unreadable_dates() -> None:
    events = [
        Event("2023", "a", "agreement", ["GBR"], "signed", None, ""),
        Event("2024-02", "b", "agreement", ["CAN"], "signed", None, ""),
        Event("not a date", "c", "agreement", ["CAN"], "signed", None, ""),
    ]
    root = parsed(timeline_chart(events))
    assert len(root.findall(".//circle/title")) == 2  # the unreadable one is left out
    assert "Jan 2023" in [t.text for t in root.iter("text")]


def test_empty_inputs_say_no_data() -> None:
    charts = [
        scoreboard_chart(board()),
        scoreboard_chart(board(ScoreRow("EST", gdp_pledge_pct=0.25))),  # no share to draw
        timeline_chart([]),
        timeline_chart([Event("?", "k", "target", [], "x", None, "")]),
        pipeline_chart([]),
        danish_model_chart([]),
    ]
    for svg in charts:
        root = parsed(svg)
        assert "no data" in (root.get("aria-label") or "")
        assert "No data yet." in svg
